package org.smtptrail.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.SourceLine;

/**
 * Arbitrary bytes read as a log file the way the engine reads one (lines end at '\n', a trailing '\r' is dropped,
 * UTF-8 where it decodes, else Latin-1; empty lines never reach the parser), for the fuzz tests of every format.
 *
 * @param file  the file name the parser is told (some formats tell their logs apart by name)
 * @param lines the lines, numbered from 1
 */
public record FuzzedLog(String file, List<SourceLine> lines) {
  private static final Instant REFERENCE_TIME = Instant.parse("2026-11-23T12:00:00Z");

  /** Splits bytes into lines as the engine's line reader does. */
  public static FuzzedLog of(String file, byte[] bytes) {
    List<SourceLine> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        int end = i > start && bytes[i - 1] == '\r' && i < bytes.length ? i - 1 : i;
        if (end > start || i < bytes.length) {
          lines.add(new SourceLine(file, lines.size() + 1, start, decode(bytes, start, end)));
        }
        start = i + 1;
      }
    }
    return new FuzzedLog(file, List.copyOf(lines));
  }

  /**
   * Feeds every line to a fresh parser of the format found through the SPI, flushes it, and asserts that nothing was
   * thrown and that every non-empty line is accounted for: it is the source of an event (an {@code Unparsed} one
   * included), was reported as skipped, or is a continuation joined into a record that was.
   *
   * @return the events, for further assertions
   */
  public List<LogEvent> assertEveryLineAccountedFor(LogFormat format) {
    LineParser parser = format.newParser(new ParseContext(file, ZoneOffset.UTC, REFERENCE_TIME, null));
    CollectingSink sink = new CollectingSink();
    for (SourceLine line : lines) {
      if (!line.text().isEmpty()) {
        parser.parse(line, sink);
      }
    }
    parser.flush(sink);
    BitSet accounted = new BitSet();
    for (LogEvent event : sink.events()) {
      cover(accounted, event.header().source());
    }
    sink.skipped().forEach(line -> cover(accounted, line));
    for (SourceLine line : lines) {
      if (!line.text().isEmpty()) {
        assertThat(accounted.get((int) line.lineNumber()))
            .as("line %d (%s) of %s yields an event or a skipped count", line.lineNumber(),
                abbreviate(line.text()), format.name())
            .isTrue();
      }
    }
    return sink.events();
  }

  /**
   * A record's source covers its first line and, when continuation lines were joined to it, those too: one per line
   * break in its text, counting only non-empty lines (empty ones never reach the parser, so they join nothing).
   */
  private void cover(BitSet accounted, SourceLine source) {
    int index = (int) source.lineNumber() - 1;
    int joined = (int) source.text().chars().filter(c -> c == '\n').count();
    accounted.set(index + 1);
    while (joined > 0 && ++index < lines.size()) {
      if (!lines.get(index).text().isEmpty()) {
        accounted.set(index + 1);
        joined--;
      }
    }
  }

  private static String decode(byte[] bytes, int from, int to) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }
}
