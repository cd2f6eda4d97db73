package org.smtptrail.format.axigen;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.smtptrail.core.SourceLine;
import org.smtptrail.core.ParseContext;
import org.smtptrail.testkit.CollectingSink;
import org.smtptrail.testkit.Fixtures;

/** A test fixture parsed by a fresh parser (zone +01:00, as the generated logs) and flushed. */
final class ParsedFixture {
  /** "Now" for the parser: after every fixture's lines. */
  static final Instant REFERENCE = Instant.parse("2026-11-23T12:00:00Z");

  private ParsedFixture() {}

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
