package org.smtptrail.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Generated Postfix logs for the fault tests: one delivery line per (message, recipient), so each line is one event
 * and one trace row with a recipient of its own ({@code fault<n>@example.net}) and losses and duplicates show as
 * missing or repeated recipients.
 */
final class FaultLogs {
  private FaultLogs() {}

  static String line(int n) {
    return String.format("Nov 23 %02d:%02d:%02d mx1 postfix/smtp[13]: F%09X: to=<fault%d@example.net>,"
        + " relay=mx.example.net[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)%n",
        n / 3600 % 24, n / 60 % 60, n % 60, n, n);
  }

  /** {@code files} separate logs of {@code linesEach} lines in {@code folder}. */
  static List<Path> write(Path folder, int files, int linesEach) throws IOException {
    Files.createDirectories(folder);
    List<Path> logs = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      Path log = folder.resolve("host" + f + ".log");
      try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
        for (int i = 0; i < linesEach; i++) {
          out.write(line(f * linesEach + i));
        }
      }
      logs.add(log);
    }
    return logs;
  }

  /** The recipients of every trace row of a data folder, as {@code trace --format csv} lists them. */
  static List<String> recipients(String data) {
    CliRun trace = CliRun.of("trace", "--data", data, "--format", "csv", "--limit", "0");
    if (trace.exitCode() != 0) {
      throw new AssertionError("trace failed: " + trace.err());
    }
    List<String> recipients = new ArrayList<>();
    trace.out().lines().skip(1).forEach(row -> recipients.add(row.substring(0, row.indexOf(','))));
    return recipients;
  }

  static Set<String> expected(int count) {
    Set<String> all = new HashSet<>();
    for (int n = 0; n < count; n++) {
      all.add("fault" + n + "@example.net");
    }
    return all;
  }
}
