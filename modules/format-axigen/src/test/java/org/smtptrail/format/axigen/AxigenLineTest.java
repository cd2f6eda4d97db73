package org.smtptrail.format.axigen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smtptrail.testkit.Fixtures;

class AxigenLineTest {
  private static final AxigenClock CLOCK = new AxigenClock(ZoneOffset.ofHours(1),
      Instant.parse("2026-11-23T12:00:00Z"));
  private static final List<String> VARIANTS = Fixtures.lines("/axigen/variant-prefixes.log");

  @Test
  void nativePrefixFieldByField() {
    AxigenLine line = AxigenLine.parse(VARIANTS.get(0), CLOCK, "fallback");
    assertThat(line).isNotNull();
    assertThat(line.time()).isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
    assertThat(line.level()).isEqualTo(8);
    assertThat(line.host()).isEqualTo("mx1");
    assertThat(line.service()).isEqualTo(AxigenService.SMTP_IN);
    assertThat(line.serviceName()).isEqualTo("SMTP-IN");
    assertThat(line.id()).isEqualTo("0000D001");
    assertThat(VARIANTS.get(0).substring(line.textStart())).startsWith("[192.0.2.10:25] connection accepted");
    assertThat(line.syslog()).isFalse();
  }

  @Test
  void zoneAndLevelAreOptional() {
    AxigenLine noZone = AxigenLine.parse(VARIANTS.get(1), CLOCK, null);
    assertThat(noZone.time()).as("the file's zone").isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
    assertThat(noZone.id()).isEqualTo("0000d0aa");
    AxigenLine noLevel = AxigenLine.parse(VARIANTS.get(2), CLOCK, null);
    assertThat(noLevel.level()).isEqualTo(-1);
    assertThat(noLevel.host()).isEqualTo("mx1");
    AxigenLine otherOffset = AxigenLine.parse(VARIANTS.get(7), CLOCK, null);
    assertThat(otherOffset.time()).isEqualTo(Instant.parse("2026-11-22T16:30:04Z"));
    assertThat(otherOffset.id()).isEqualTo("D0AE");
  }

  @Test
  void syslogPrefixesClassicAndRfc3339() {
    AxigenLine wrapped = AxigenLine.parse(VARIANTS.get(3), CLOCK, null);
    assertThat(wrapped.syslog()).isTrue();
    assertThat(wrapped.host()).isEqualTo("mx1");
    assertThat(wrapped.level()).isEqualTo(8);
    AxigenLine classic = AxigenLine.parse(VARIANTS.get(4), CLOCK, null);
    assertThat(classic.host()).isEqualTo("mx2");
    assertThat(classic.level()).isEqualTo(-1);
    assertThat(classic.time()).as("space-padded day").isEqualTo(Instant.parse("2026-11-02T12:00:01Z"));
    AxigenLine rfc3339 = AxigenLine.parse(VARIANTS.get(5), CLOCK, null);
    assertThat(rfc3339.host()).isEqualTo("mx3");
    assertThat(rfc3339.level()).isEqualTo(8);
    assertThat(rfc3339.time()).isEqualTo(Instant.parse("2026-11-22T12:00:02.500Z"));
    assertThat(AxigenLine.parse(VARIANTS.get(6), CLOCK, null).time()).isEqualTo(Instant.parse("2026-11-22T12:00:03Z"));
  }

  @Test
  void classicSyslogTakesTheYearThatIsNotInTheFuture() {
    AxigenClock january = new AxigenClock(ZoneOffset.UTC, Instant.parse("2027-01-05T00:00:00Z"));
    AxigenLine december = AxigenLine.parse(
        "Dec 31 23:59:59 mx2 axigen[1]: PROCESSING:00000001: Set recipient <a@example.com> state to SENT",
        january, null);
    assertThat(december.time()).isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
  }

  @Test
  void linesWithoutServiceColumnAreNotAxigen() {
    assertThat(AxigenLine.parse("2026-11-22 14:00:00 +0100 08 mx1 PROCESSI", CLOCK, null)).isNull();
    assertThat(AxigenLine.parse("2026-11-22 14:00:00 +0100 08 mx1 PROCESSING:XYZ: text", CLOCK, null)).isNull();
    assertThat(AxigenLine.parse("Nov 23 09:33:00 mx1 postfix/qmgr[1]: 8F25A16035C: removed", CLOCK, null)).isNull();
    assertThat(AxigenLine.parse("", CLOCK, null)).isNull();
  }

  @Test
  void outOfRangeTimestampKeepsThePrefixWithoutTime() {
    AxigenLine line = AxigenLine.parse("2026-11-22 25:61:00 +0100 08 mx1 SMTP-IN:0000E001: x", CLOCK, null);
    assertThat(line).isNotNull();
    assertThat(line.time()).isNull();
  }

  @Test
  void unknownModuleNamesAreOther() {
    assertThat(AxigenService.named("FUTUREMODULE")).isEqualTo(AxigenService.OTHER);
    assertThat(AxigenService.named("SMTP-OUT").followsMessages()).isTrue();
    assertThat(AxigenService.named("IMAP").followsMessages()).isFalse();
    assertThat(AxigenService.SMTP_IN.logName()).isEqualTo("SMTP-IN");
  }
}
