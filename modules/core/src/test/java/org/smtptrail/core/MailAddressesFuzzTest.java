package org.smtptrail.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Locale;

/**
 * Fuzzes the one address comparison every filter relies on: it never throws, is idempotent (a normalized address
 * normalizes to itself, so a stored recipient and a typed one meet), lower-cases, and agrees with the domain it
 * reports.
 */
class MailAddressesFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void normalizationIsIdempotentAndAgreesWithTheDomain(String address) {
    String normalized = MailAddresses.normalize(address);
    if (address == null) {
      assertThat(normalized).isNull();
      return;
    }
    assertThat(MailAddresses.normalize(normalized)).as("idempotent").isEqualTo(normalized);
    assertThat(normalized).isEqualTo(normalized.toLowerCase(Locale.ROOT)).isEqualTo(normalized.strip());
    String domain = MailAddresses.domainOf(address);
    if (domain != null) {
      assertThat(normalized).endsWith("@" + domain);
      assertThat(domain).doesNotContain("@").isNotEmpty();
    }
    String messageId = MailAddresses.normalizeMessageId(address);
    assertThat(MailAddresses.normalizeMessageId(messageId)).isEqualTo(messageId);
  }
}
