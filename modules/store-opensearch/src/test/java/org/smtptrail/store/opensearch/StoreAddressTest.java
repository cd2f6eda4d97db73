package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smtptrail.engine.DataDirectory;

class StoreAddressTest {
  @Test
  void thePathIsThePrefixAndDefaultsToSmtptrail() {
    assertThat(StoreAddress.parse("http://127.0.0.1:9200/mail"))
        .isEqualTo(new StoreAddress(List.of(URI.create("http://127.0.0.1:9200")), "mail"));
    assertThat(StoreAddress.parse("https://os1")).isEqualTo(new StoreAddress(List.of(URI.create("https://os1:9200")),
        "smtptrail"));
    assertThat(StoreAddress.parse(" http://os1:9201/ ").prefix()).isEqualTo("smtptrail");
  }

  @Test
  void severalNodesShareTheSchemeAndThePrefix() {
    StoreAddress address = StoreAddress.parse("https://os1:9201, os2,10.0.0.3:9300/mail/");
    assertThat(address.nodes()).containsExactly(URI.create("https://os1:9201"), URI.create("https://os2:9200"),
        URI.create("https://10.0.0.3:9300"));
    assertThat(address.prefix()).isEqualTo("mail");
    assertThat(address).hasToString("https://os1:9201,os2:9200,10.0.0.3:9300/mail");
    assertThat(StoreAddress.parse(address.toString())).isEqualTo(address);
    assertThatThrownBy(() -> StoreAddress.parse("http://os1:9200,,os3/x")).hasMessageContaining("names no host");
    assertThatThrownBy(() -> StoreAddress.parse("http://os1,u:pw@os2/x")).hasMessageContaining("credentials")
        .hasMessageNotContaining("pw");
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
