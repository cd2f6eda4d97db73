package org.smtptrail.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.SourceLine;

/**
 * The events a format's parser makes of a golden case, as lines for {@code expected-events.txt}: each log file of
 * the case read by a fresh parser (the case's zone, host and modification time), every event's record form in order,
 * under a {@code # FILE} line. A format's test runs {@link #assertGolden} over {@link GoldenCase#of} its cases.
 */
public final class GoldenEvents {
  private GoldenEvents() {}

  /** Compares (or rewrites) the case's expected-events.txt with what the format's parser makes of its logs. */
  public static void assertGolden(LogFormat format, GoldenCase golden) {
    GoldenFile.assertMatches(golden.folder().resolve(GoldenCase.EVENTS), of(format, golden));
  }

  static List<String> of(LogFormat format, GoldenCase golden) {
    List<String> lines = new ArrayList<>();
    for (Path log : golden.logs()) {
      String name = log.getFileName().toString();
      lines.add("# " + name);
      LineParser parser = format.newParser(new ParseContext(name, golden.timezone(), golden.mtime(), golden.host()));
      CollectingSink sink = new CollectingSink();
      long offset = 0;
      int number = 0;
      for (String line : read(log)) {
        parser.parse(new SourceLine(name, ++number, offset, line), sink);
        offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
      }
      parser.flush(sink);
      for (LogEvent event : sink.events()) {
        lines.add(event.toString());
      }
    }
    return lines;
  }

  private static List<String> read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
