package org.smtptrail.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeSpecTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void relativeTimesCountBackFromNow() {
    assertThat(TimeSpec.parse("2h", NOW, BERLIN)).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(TimeSpec.parse("3d", NOW, BERLIN)).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
    assertThat(TimeSpec.parse("15m", NOW, BERLIN)).isEqualTo(Instant.parse("2026-11-23T11:45:00Z"));
    assertThat(TimeSpec.parse("1w", NOW, BERLIN)).isEqualTo(Instant.parse("2026-11-16T12:00:00Z"));
  }

  @Test
  void isoTimesWithoutOffsetAreInTheGivenZone() {
    assertThat(TimeSpec.parse("2026-11-22", NOW, BERLIN)).isEqualTo(Instant.parse("2026-11-21T23:00:00Z"));
    assertThat(TimeSpec.parse("2026-11-22T10:00", NOW, BERLIN)).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
    assertThat(TimeSpec.parse("2026-11-22T10:00:00Z", NOW, BERLIN)).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    assertThat(TimeSpec.parse("2026-11-22T10:00:00+02:00", NOW, BERLIN))
        .isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
  }

  @Test
  void nonsenseNamesTheAcceptedForms() {
    assertThatThrownBy(() -> TimeSpec.parse("yesterday", NOW, BERLIN)).hasMessageContaining("2h")
        .hasMessageContaining("2026-11-22");
    assertThatThrownBy(() -> TimeSpec.parse("99999999999999h", NOW, BERLIN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
