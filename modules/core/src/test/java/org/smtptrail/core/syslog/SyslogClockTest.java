package org.smtptrail.core.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.ParseContext;

/** {@link SyslogClock}: the day with any padding; the year of a classic line from the latest time its file holds. */
class SyslogClockTest {
  private static final Instant MARCH = Instant.parse("2026-03-20T00:00:00Z");

  private static Instant at(SyslogClock clock, String line) {
    SyslogPrefix prefix = SyslogPrefix.parse(line);
    assertThat(prefix).as("a syslog line: %s", line).isNotNull();
    return clock.toInstant(line, prefix);
  }

  private static Instant at(Instant limit, String timestamp) {
    return at(new SyslogClock(ZoneOffset.UTC, limit), timestamp + " mx1 postfix/qmgr[1]: 3F2A81C0D2: removed");
  }

  @Test
  void aDayIsReadWithAnyPadding() {
    Instant seventh = Instant.parse("2026-03-07T02:09:33Z");
    assertThat(at(MARCH, "Mar  7 02:09:33")).isEqualTo(seventh);
    assertThat(at(MARCH, "Mar 07 02:09:33")).isEqualTo(seventh);
    assertThat(at(MARCH, "Mar 7 02:09:33")).isEqualTo(seventh);
    assertThat(at(MARCH, "Mar 17 02:09:33")).isEqualTo(Instant.parse("2026-03-17T02:09:33Z"));
    assertThat(at(MARCH, "Mar 7 02:09:33.250")).isEqualTo(seventh.plusMillis(250));
  }

  @Test
  void theRestOfAnUnpaddedLineIsFoundWhereItIs() {
    String line = "Mar 7 02:09:33 server postfix/smtpd[27246]: connect from unknown[192.0.2.1]";
    SyslogPrefix prefix = SyslogPrefix.parse(line);
    assertThat(prefix.classic()).isTrue();
    assertThat(prefix.timestampEnd()).isEqualTo("Mar 7 02:09:33".length());
    assertThat(prefix.host()).isEqualTo("server");
    assertThat(prefix.program()).isEqualTo("postfix/smtpd");
    assertThat(line.substring(prefix.textStart())).isEqualTo("connect from unknown[192.0.2.1]");
    SyslogPrefix withFraction = SyslogPrefix.parse("Mar 7 02:09:33.412306 server postfix/smtpd[1]: x");
    assertThat(withFraction.timestampEnd()).isEqualTo("Mar 7 02:09:33.412306".length());
    assertThat(withFraction.host()).isEqualTo("server");
  }

  @Test
  void whatIsNotADayIsNoTimestamp() {
    for (String line : new String[] {"Mar 7  02:09:33 mx1 postfix/smtpd[1]: x",
        "Mar 123 02:09:33 mx1 postfix/smtpd[1]: x", "Mar x7 02:09:33 mx1 postfix/smtpd[1]: x", "Mar  x 02:09:33 mx1 postfix/smtpd[1]: x",
        "Mar 7 2:09:33 mx1 postfix/smtpd[1]: x", "Mar 7 02:09:33"}) {
      assertThat(SyslogPrefix.parse(line)).as(line).isNull();
    }
  }

  @Test
  void daysNoYearHasAreNoInstant() {
    assertThat(at(MARCH, "Mar 0 02:09:33")).isNull();
    assertThat(at(MARCH, "Mar 32 02:09:33")).isNull();
    assertThat(at(MARCH, "Apr 31 02:09:33")).isNull();
    assertThat(at(MARCH, "Feb 30 02:09:33")).isNull();
  }

  @Test
  void aLineLaterThanItsFileCanHoldIsOfTheYearBefore() {
    Instant modified = Instant.parse("2026-12-07T12:00:00Z");
    assertThat(at(modified, "Dec 15 09:12:40")).isEqualTo(Instant.parse("2025-12-15T09:12:40Z"));
    assertThat(at(modified, "Dec  7 11:30:05")).isEqualTo(Instant.parse("2026-12-07T11:30:05Z"));
    assertThat(at(modified, "Jan  3 08:00:00")).isEqualTo(Instant.parse("2026-01-03T08:00:00Z"));
  }

  @Test
  void aDayLaterStillKeepsItsYearForClocksAndZonesThatDisagree() {
    Instant modified = Instant.parse("2026-12-07T12:00:00Z");
    assertThat(at(modified, "Dec  8 11:59:59")).isEqualTo(Instant.parse("2026-12-08T11:59:59Z"));
    assertThat(at(modified, "Dec  8 12:00:00")).isEqualTo(Instant.parse("2026-12-08T12:00:00Z"));
    assertThat(at(modified, "Dec  8 12:00:01")).isEqualTo(Instant.parse("2025-12-08T12:00:01Z"));
  }

  @Test
  void aFileSpanningNewYearIsDatedOnBothSides() {
    Instant modified = Instant.parse("2027-01-02T00:00:00Z");
    assertThat(at(modified, "Dec 31 23:59:58")).isEqualTo(Instant.parse("2026-12-31T23:59:58Z"));
    assertThat(at(modified, "Jan  1 00:00:03")).isEqualTo(Instant.parse("2027-01-01T00:00:03Z"));
  }

  @Test
  void aFileModifiedLongAfterItsLinesKeepsThemWithinTheYearBefore() {
    Instant modified = Instant.parse("2027-06-01T00:00:00Z");
    assertThat(at(modified, "Nov 20 14:05:10")).isEqualTo(Instant.parse("2026-11-20T14:05:10Z"));
    assertThat(at(modified, "Mar 30 08:00:00")).isEqualTo(Instant.parse("2027-03-30T08:00:00Z"));
  }

  @Test
  void theLimitIsComparedInTheFilesZone() {
    // 23:30 UTC on New Year's Eve is 00:30 on 1 January in Berlin: a line of 00:20 local is of the new year
    SyslogClock berlin = new SyslogClock(ZoneId.of("Europe/Berlin"), Instant.parse("2026-12-31T23:30:00Z"));
    assertThat(at(berlin, "Jan  1 00:20:00 mx1 postfix/qmgr[1]: 3F2A81C0D2: removed"))
        .isEqualTo(Instant.parse("2026-12-31T23:20:00Z"));
  }

  @Test
  void the29thOfFebruaryIsOfTheLatestLeapYearBeforeTheLimit() {
    assertThat(at(Instant.parse("2027-03-01T00:00:00Z"), "Feb 29 10:00:00"))
        .isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
    assertThat(at(Instant.parse("2028-03-01T00:00:00Z"), "Feb 29 10:00:00"))
        .isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
    assertThat(at(Instant.parse("2028-02-01T00:00:00Z"), "Feb 29 10:00:00"))
        .isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
  }

  @Test
  void aFileFollowedLiveDatesItsLinesUpToTheMomentTheyAreRead() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-31T23:59:00Z"));
    InstantSource clock = now::get;
    SyslogClock live = new SyslogClock(ZoneOffset.UTC, clock);
    String suffix = " mx1 postfix/qmgr[1]: 3F2A81C0D2: removed";
    assertThat(at(live, "Dec 31 23:58:59" + suffix)).isEqualTo(Instant.parse("2026-12-31T23:58:59Z"));
    now.set(Instant.parse("2027-01-01T00:00:05Z"));
    assertThat(at(live, "Jan  1 00:00:04" + suffix)).isEqualTo(Instant.parse("2027-01-01T00:00:04Z"));
    now.set(Instant.parse("2027-02-10T00:00:00Z")); // weeks later: a line of 9 February is of this year
    assertThat(at(live, "Feb  9 23:00:00" + suffix)).isEqualTo(Instant.parse("2027-02-09T23:00:00Z"));
  }

  @Test
  void aLiveContextsLimitIsNowOnceTheFileWasOpenedBefore() {
    Instant opened = Instant.parse("2020-01-01T00:00:00Z");
    ParseContext batch = new ParseContext("mail.log", ZoneOffset.UTC, opened, null);
    ParseContext live = new ParseContext("mail.log", ZoneOffset.UTC, opened, null, true);
    assertThat(batch.live()).isFalse();
    assertThat(batch.lineTimeLimit().instant()).isEqualTo(opened);
    Instant before = Instant.now();
    assertThat(live.lineTimeLimit().instant()).isAfterOrEqualTo(before);
    Instant future = Instant.now().plusSeconds(3600);
    assertThat(new ParseContext("mail.log", ZoneOffset.UTC, future, null, true).lineTimeLimit().instant())
        .isEqualTo(future);
  }
}
