package org.smtptrail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
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

  /**
   * A typed address is user text (trace --to, /api/trace?to=): 200,000 nested pairs of brackets took a copy of the
   * text per pair (tens of seconds); now one pass. The bound only says "not seconds", on a loaded machine.
   */
  @Test
  void deeplyNestedBracketsCostTheirLengthNotItsSquare() {
    String nested = "<".repeat(200_000) + " A@B " + ">".repeat(200_000);
    String normalized = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> MailAddresses.normalize(nested));
    assertThat(normalized).isEqualTo("a@b");
    assertThat(MailAddresses.normalize("<".repeat(3) + "a@b" + ">".repeat(2))).isEqualTo("<a@b");
  }
}
