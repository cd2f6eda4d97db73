package org.smtptrail.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionAgeTest {
  private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

  @Test
  void daysAndCalendarMonthsBeforeNow() {
    assertThat(RetentionAge.parse("400d").before(NOW)).isEqualTo(Instant.parse("2025-11-03T10:00:00Z"));
    assertThat(RetentionAge.parse("13m").before(NOW)).isEqualTo(Instant.parse("2025-11-08T10:00:00Z"));
    assertThat(RetentionAge.parse(" 1M ").before(NOW)).isEqualTo(Instant.parse("2026-11-08T10:00:00Z"));
  }

  @Test
  void anythingElseIsRefusedSayingWhatIsExpected() {
    for (String bad : new String[] {"", "d", "0d", "-3d", "12", "2h", "1y", "99999999999d", "1.5m", null}) {
      assertThatThrownBy(() -> RetentionAge.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("400d or 13m");
    }
  }
}
