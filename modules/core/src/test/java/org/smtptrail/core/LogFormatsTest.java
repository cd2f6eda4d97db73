package org.smtptrail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogFormatsTest {
  @Test
  void unknownFormatNameErrorSaysWhatIsMissing() {
    assertThatThrownBy(() -> LogFormats.forName("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown log format 'nope'")
        .hasMessageContaining("installed formats:")
        .hasMessageContaining("jar may be missing");
  }

  @Test
  void addressesCompareCaseInsensitivelyWithoutBrackets() {
    assertThat(MailAddresses.normalize(" <John@Example.NET> ")).isEqualTo("john@example.net");
    assertThat(MailAddresses.domainOf("<john@Mail.Example.net>")).isEqualTo("mail.example.net");
    assertThat(MailAddresses.domainOf("postmaster")).isNull();
    assertThat(MailAddresses.normalizeMessageId("<Abc@x>")).isEqualTo("Abc@x");
  }
}
