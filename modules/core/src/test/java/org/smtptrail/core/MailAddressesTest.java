package org.smtptrail.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailAddressesTest {
  @Test
  void addressesLoseBracketsBlanksAndCase() {
    assertThat(MailAddresses.normalize(" <Mary@Example.COM> ")).isEqualTo("mary@example.com");
    assertThat(MailAddresses.normalize("<>")).isEmpty();
    assertThat(MailAddresses.domainOf("<Mary@Example.COM>")).isEqualTo("example.com");
    assertThat(MailAddresses.domainOf("mary@")).isNull();
  }

  /** Found by MailAddressesFuzzTest: one pair of brackets was removed, so normalizing twice changed the value. */
  @Test
  void normalizingTwiceChangesNothingWhateverTheBrackets() {
    assertThat(MailAddresses.normalize("<<Mary@Example.com>>")).isEqualTo("mary@example.com");
    assertThat(MailAddresses.normalize("< <a@b> >")).isEqualTo("a@b");
    assertThat(MailAddresses.normalizeMessageId("<<x@y")).isEqualTo("x@y");
    assertThat(MailAddresses.normalizeMessageId(" < x@y > >")).isEqualTo("x@y");
    assertThat(MailAddresses.normalizeMessageId("<20261123.AB@mx1>")).isEqualTo("20261123.AB@mx1");
  }
}
