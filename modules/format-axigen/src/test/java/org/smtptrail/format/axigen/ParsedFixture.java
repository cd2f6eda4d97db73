package org.smtptrail.format.axigen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.testkit.CollectingSink;
import org.smtptrail.testkit.Fixtures;

/** Axigen test fixtures: parsed by a fresh parser (zone +01:00, as the generated logs), and what two of them share. */
final class ParsedFixture {
  /** "Now" for the parser: after every fixture's lines. */
  static final Instant REFERENCE = Instant.parse("2026-11-23T12:00:00Z");

  private ParsedFixture() {}

  /**
   * The fixtures of a bounce with its report (bounced-with-report.log, default-level-relayed.log: the same mail at
   * either log level) link the non-delivery report 003F1003 to the failure of nobody@example.org in 003F1002.
   */
  static void assertTheReportIsLinkedToTheFailure(List<LogEvent> events) {
    assertThat(events).filteredOn(Linked.class::isInstance).singleElement()
        .isInstanceOfSatisfying(Linked.class, link -> {
          assertThat(link.header().localId()).isEqualTo("003F1002");
          assertThat(link.recipient()).isEqualTo("nobody@example.org");
          assertThat(link.linkedLocalId()).isEqualTo("003F1003");
          assertThat(link.reason()).isEqualTo(LinkReason.NON_DELIVERY_NOTICE);
        });
  }

  static CollectingSink parse(String fixture) {
    AxigenLineParser parser = new AxigenLineParser(
        new ParseContext("test.log", ZoneOffset.ofHours(1), REFERENCE, "testhost"));
    CollectingSink sink = new CollectingSink();
    List<String> lines = Fixtures.lines(fixture);
    for (int i = 0; i < lines.size(); i++) {
      parser.parse(new SourceLine("test.log", i + 1, i * 200L, lines.get(i)), sink);
    }
    parser.flush(sink);
    return sink;
  }
}
