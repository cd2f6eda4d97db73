package org.smtptrail.format.xeams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordPrefixTest {
  @Test
  void verifiedPrefixGivesTimeWithMillisecondsTheUnpaddedLcidAndTheText() {
    String line = "2024-03-21 11:39:49,056 - [   7054286] S <-- EHLO mail.example.com";
    RecordPrefix prefix = RecordPrefix.parse(line);
    assertThat(prefix.time()).isEqualTo(LocalDateTime.of(2024, 3, 21, 11, 39, 49, 56_000_000));
    assertThat(prefix.lcid()).isEqualTo("7054286");
    assertThat(prefix.dashed()).isTrue();
    assertThat(line.substring(prefix.bodyStart())).isEqualTo("S <-- EHLO mail.example.com");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      2026-03-02 09:15:04,211 - [7100001] x           | 2026-03-02T09:15:04.211 | 7100001
      2026-03-02 09:15:04.211 - [ 7100001] x          | 2026-03-02T09:15:04.211 | 7100001
      2026-03-02 09:15:04 - [   7100001] x            | 2026-03-02T09:15:04     | 7100001
      2026-03-02 09:15:04,2 - [7100001] x             | 2026-03-02T09:15:04.200 | 7100001
      2026-03-02 09:15:04 PM - [7100001] x            | 2026-03-02T21:15:04     | 7100001
      2026-03-02 9:15:04 pm - [7100001] x             | 2026-03-02T21:15:04     | 7100001
      2026-03-02 12:15:04,100 AM - [7100001] x        | 2026-03-02T00:15:04.100 | 7100001
      2026-03-02 12:15:04 p.m. - [7100001] x          | 2026-03-02T12:15:04     | 7100001
      2026-03-02 09:15:04,211 - [0007100001] x        | 2026-03-02T09:15:04.211 | 7100001
      2026-03-02 09:15:04,211 - Processing queue      | 2026-03-02T09:15:04.211 |
      2026-03-02 09:15:04,211 [main] text             | 2026-03-02T09:15:04.211 |
      """)
  void toleratesMillisecondSeparatorsTwelveHourClocksAndMissingLcids(String line, String time, String lcid) {
    RecordPrefix prefix = RecordPrefix.parse(line);
    assertThat(prefix.time()).isEqualTo(LocalDateTime.parse(time));
    assertThat(prefix.lcid()).isEqualTo(lcid);
  }

  @Test
  void tabsMaySeparateEveryPart() {
    String line = "2026-03-02\t09:15:04,211\t-\t[\t7100001]\tbob@example.net,sales@example.com";
    RecordPrefix prefix = RecordPrefix.parse(line);
    assertThat(prefix.time()).isEqualTo(LocalDateTime.of(2026, 3, 2, 9, 15, 4, 211_000_000));
    assertThat(prefix.lcid()).isEqualTo("7100001");
    assertThat(line.substring(prefix.bodyStart())).startsWith("bob@");
  }

  @Test
  void impossibleValuesKeepTheShapeButHaveNoTime() {
    assertThat(RecordPrefix.parse("2026-13-45 09:15:04,211 - [7100001] x").time()).isNull();
    assertThat(RecordPrefix.parse("2026-03-02 13:15:04 PM - [7100001] x").time()).as("13 PM").isNull();
    assertThat(RecordPrefix.startsRecord("2026-13-45 09:15:04,211 - [7100001] x")).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      ],Subject: Q1 invoice 4471, final
      \tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:318)
      2026-03-02T09:15:04.211+00:00 mx1 postfix/smtp[1]: text
      Nov 23 10:00:01 mx1 postfix/smtp[1]: text
      2026-03-02 09:15
      2026-03-02 09:15:045 - [1] x
      """)
  void linesThatDoNotStartWithTheTimestampContinueARecord(String line) {
    assertThat(RecordPrefix.startsRecord(line)).isFalse();
    assertThat(RecordPrefix.parse(line)).isNull();
  }

  @Test
  void anOffsetAfterTheTimeIsNotXeamsDash() {
    RecordPrefix prefix = RecordPrefix.parse("2026-11-23 10:00:01 -0200 02 mail SMTP-IN:0000002A: x");
    assertThat(prefix.dashed()).isFalse();
    assertThat(prefix.lcid()).isNull();
  }
}
