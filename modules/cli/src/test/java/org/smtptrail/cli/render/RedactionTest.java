package org.smtptrail.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  private final Redaction keepingMary = Redaction.keeping("<Mary@Example.com>");

  @Test
  void masksTheLocalPartOfEveryAddressButTheKeptOnes() {
    assertThat(keepingMary.mask("to=<bob@example.net>, orig_to=<mary@example.com>, from=<MARY@example.COM>"))
        .isEqualTo("to=<***@example.net>, orig_to=<mary@example.com>, from=<MARY@example.COM>");
    assertThat(keepingMary.mask("550 5.1.1 <o'neil+tag@mail.example.org>: unknown; ask j.doe@example.org."))
        .isEqualTo("550 5.1.1 <***@mail.example.org>: unknown; ask ***@example.org.");
    assertThat(keepingMary.mask("message-id=<20261123.AB12@mx1.example.com>"))
        .isEqualTo("message-id=<***@mx1.example.com>");
  }

  @Test
  void leavesWhatIsNoAddressAlone() {
    assertThat(keepingMary.mask("user@localhost, @example.com, a@, @, no at sign, null sender <>"))
        .isEqualTo("user@localhost, @example.com, a@, @, no at sign, null sender <>");
    assertThat(keepingMary.mask(null)).isNull();
    assertThat(Redaction.keeping(null, null).mask("bob@example.net")).isEqualTo("***@example.net");
  }
}
