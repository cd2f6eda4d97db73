package org.smtptrail.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Fuzzes {@code --since}/{@code --until}: any text is either a time or an {@link IllegalArgumentException} that names
 * the accepted forms (a usage error with exit code 2), never another exception.
 */
class TimeSpecFuzzTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @FuzzTest(maxDuration = "5m")
  void anyTextIsATimeOrAUsageError(String text) {
    if (text == null) {
      return;
    }
    try {
      Instant instant = TimeSpec.parse(text, NOW, ZoneId.of("Europe/Berlin"));
      assertThat(instant).isNotNull();
    } catch (IllegalArgumentException usage) {
      assertThat(usage).hasMessageContaining("is not a time: expected a relative time");
    }
  }
}
