package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.smtptrail.engine.DataDirectory;

class StoreAddressTest {
  @Test
  void thePathIsThePrefixAndDefaultsToSmtptrail() {
    assertThat(StoreAddress.parse("http://127.0.0.1:9200/mail"))
        .isEqualTo(new StoreAddress(URI.create("http://127.0.0.1:9200"), "mail"));
    assertThat(StoreAddress.parse("https://os1")).isEqualTo(new StoreAddress(URI.create("https://os1:9200"),
        "smtptrail"));
    assertThat(StoreAddress.parse(" http://os1:9201/ ").prefix()).isEqualTo("smtptrail");
  }

  @Test
  void badUrlsAreRefusedSayingWhy() {
    assertThatThrownBy(() -> StoreAddress.parse("os1:9200")).hasMessageContaining("http://");
    assertThatThrownBy(() -> StoreAddress.parse("ftp://os1/x")).hasMessageContaining("http://");
    assertThatThrownBy(() -> StoreAddress.parse("http://os1/Upper")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> StoreAddress.parse("http://user:secret@os1/x"))
        .hasMessageContaining("credentials").hasMessageNotContaining("secret");
    assertThatThrownBy(() -> StoreAddress.parse("http://os1/x?q=1")).hasMessageContaining("query");
    assertThatThrownBy(() -> StoreAddress.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnreachableClusterIsOneLineWithTheUrl(@org.junit.jupiter.api.io.TempDir Path folder) {
    OpenSearchStore store = OpenSearchStore.of("http://127.0.0.1:1/smtptrail");
    assertThatThrownBy(() -> store.openReader(new DataDirectory(folder)))
        .isInstanceOf(StoreRequestException.class)
        .hasMessageContaining("http://127.0.0.1:1").hasMessageContaining("unreachable")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
