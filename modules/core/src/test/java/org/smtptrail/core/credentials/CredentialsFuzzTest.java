package org.smtptrail.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the masking every stored line goes through: it never throws, masking twice changes nothing more, and a line
 * is only ever changed by putting the mask in.
 */
class CredentialsFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void maskingNeverThrowsAndIsIdempotent(String text) {
    String masked = Credentials.mask(text);
    if (text == null) {
      assertThat(masked).isNull();
      return;
    }
    assertThat(Credentials.mask(masked)).as("idempotent").isEqualTo(masked);
    assertThat(Credentials.mask(Credentials.maskFields(text))).as("the fields first, the rest after")
        .isEqualTo(masked);
    if (!masked.equals(text)) {
      assertThat(masked).contains(Credentials.MASK);
    }
    SaslExchanges exchanges = new SaslExchanges();
    for (String line : text.split("\n", 64)) {
      assertThat(exchanges.mask("1", line, line.startsWith("<<") ? "<<" : null, 2)).isNotNull();
    }
  }
}
