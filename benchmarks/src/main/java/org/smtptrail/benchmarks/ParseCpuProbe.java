package org.smtptrail.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.LogFormats;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.testkit.PostfixCorpus;

/**
 * Parse cost per line in CPU nanoseconds of the parsing thread, for a machine too busy for {@link ParseBenchmark}'s
 * wall-clock throughput: other processes take the cores away, which stretches wall time but not the thread's own CPU
 * time. Parses the same corpus {@value #ROUNDS} times (a parser per file, as the engine does) and prints the fastest
 * and the median round of the last {@value #MEASURED}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.smtptrail.benchmarks.ParseCpuProbe postfix} (100 000 lines of
 * {@link PostfixCorpus}, seed 42, as ParseBenchmark), or {@code ... ParseCpuProbe xeams|axigen DIR} with a corpus of
 * {@code benchmarks/FORMAT/generate_corpus.py}. To time an older build, put its jar first on the class path:
 * {@code java -cp old/benchmarks.jar:benchmarks/target/benchmarks.jar org.smtptrail.benchmarks.ParseCpuProbe ...}
 * (the parsers come from the old jar, this class from the new one); alternate the two in rounds.
 */
public final class ParseCpuProbe {
  private static final int ROUNDS = 40;
  private static final int MEASURED = 25;
  private static final Instant REFERENCE_TIME = Instant.parse("2026-11-30T00:00:00Z");

  private ParseCpuProbe() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || !args[0].equals("postfix") && args.length < 2) {
      System.err.println("usage: ParseCpuProbe postfix | ParseCpuProbe FORMAT CORPUS_DIR");
      System.exit(2);
    }
    Map<String, List<String>> files = args[0].equals("postfix")
        ? Map.of("mail.log", PostfixCorpus.lines(42, ParseBenchmark.LINES).subList(0, ParseBenchmark.LINES))
        : corpus(Path.of(args[1]));
    long lines = files.values().stream().mapToLong(List::size).sum();
    LogFormat format = LogFormats.forName(args[0]);
    long[] kept = new long[1];
    EventSink sink = new EventSink() {
      @Override
      public void accept(LogEvent event) {
        kept[0] += event.header().source().text().length();
      }

      @Override
      public void skipped(SourceLine line) {
        kept[0]++;
      }
    };
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Double> perLine = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (Map.Entry<String, List<String>> file : files.entrySet()) {
        LineParser parser = format.newParser(new ParseContext(file.getKey(), ZoneOffset.UTC, REFERENCE_TIME, null));
        long offset = 0;
        int number = 0;
        for (String text : file.getValue()) {
          parser.parse(new SourceLine(file.getKey(), ++number, offset, text), sink);
          offset += text.length() + 1;
        }
        parser.flush(sink);
      }
      if (round >= ROUNDS - MEASURED) {
        perLine.add((threads.getCurrentThreadCpuTime() - start) / (double) lines);
      }
    }
    perLine.sort(null);
    System.out.printf("%s, %d lines: CPU ns per line: fastest %.1f, median %.1f (%d rounds; %d)%n", args[0], lines,
        perLine.get(0), perLine.get(perLine.size() / 2), MEASURED, kept[0] % 10);
  }

  /** Every log of a generated corpus folder (not its expected.tsv), by file name. */
  private static Map<String, List<String>> corpus(Path dir) throws IOException {
    Map<String, List<String>> files = new TreeMap<>();
    try (Stream<Path> listing = Files.list(dir)) {
      for (Path log : listing.filter(p -> !p.getFileName().toString().startsWith("expected")).toList()) {
        files.put(log.getFileName().toString(), Files.readAllLines(log, StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
