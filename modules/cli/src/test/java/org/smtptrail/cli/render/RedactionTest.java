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
  void masksAddressesWithoutADotAndAddressLiterals() {
    assertThat(keepingMary.mask("to=<root@localhost>, relay=local; to=<jane@[192.0.2.7]>; ask root@mx1."))
        .isEqualTo("to=<***@localhost>, relay=local; to=<***@[192.0.2.7]>; ask ***@mx1.");
  }

  @Test
  void masksQuotedLocalParts() {
    assertThat(keepingMary.mask("to=<\"<script>alert(1)</script>\"@example.net>, \"john doe\"@mx.example.org"))
        .isEqualTo("to=<***@example.net>, ***@mx.example.org");
  }

  @Test
  void aPatternKeepsNothing() {
    for (String pattern : new String[] {"*", "*@*", "?*", "@example.net", "*@example.net", "bob@*", "b?b@example.net"}) {
      assertThat(Redaction.keeping(pattern, pattern).mask("to=<bob@example.net>, from=<mary@example.com>"))
          .as(pattern).isEqualTo("to=<***@example.net>, from=<***@example.com>");
    }
    assertThat(Redaction.keeping("*", "Bob@Example.net").mask("to=<bob@example.net>, from=<mary@example.com>"))
        .isEqualTo("to=<bob@example.net>, from=<***@example.com>");
  }

  @Test
  void leavesWhatIsNoAddressAlone() {
    assertThat(keepingMary.mask("@example.com, a@, @, no at sign, null sender <>, user@ host"))
        .isEqualTo("@example.com, a@, @, no at sign, null sender <>, user@ host");
    assertThat(keepingMary.mask(null)).isNull();
    assertThat(Redaction.keeping(null, null).mask("bob@example.net")).isEqualTo("***@example.net");
  }
}
