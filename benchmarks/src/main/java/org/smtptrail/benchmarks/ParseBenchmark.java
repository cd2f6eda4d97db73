package org.smtptrail.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.LogFormats;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.testkit.PostfixCorpus;

/**
 * Parse throughput of one format on one core: {@value #LINES} lines of a generated realistic corpus through the
 * format's parser (found through the SPI, as the engine finds it), events sunk into a Blackhole. The score is lines
 * per second; MB/s is that times the corpus's mean line length (printed at setup). Run with {@code -prof gc} for the
 * allocation per line.
 *
 * <p>Postfix lines come from {@link PostfixCorpus}. The Axigen and Xeams corpora come from the Python generators in
 * {@code benchmarks/axigen} and {@code benchmarks/xeams} (run from the repository root), written once into
 * {@code benchmarks/corpus/parse-FORMAT} (or under {@code -Dsmtptrail.bench.dir}). A format whose lines are spread
 * over several logs (Xeams) is parsed file by file, each file with its own parser and its share of the lines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class ParseBenchmark {
  static final int LINES = 100_000;
  private static final Instant REFERENCE_TIME = Instant.parse("2026-11-30T00:00:00Z");

  @Param({"postfix", "axigen", "xeams"})
  public String format;

  /** One file's share of the corpus. */
  private record CorpusFile(String name, List<String> lines) {}

  private List<CorpusFile> files;
  private LogFormat logFormat;

  @Setup
  public void setUp() throws IOException, InterruptedException {
    logFormat = LogFormats.forName(format);
    files = format.equals("postfix")
        ? List.of(new CorpusFile("mail.log", PostfixCorpus.lines(42, LINES).subList(0, LINES)))
        : shares(generated(format));
    long bytes = 0;
    for (CorpusFile file : files) {
      for (String line : file.lines()) {
        bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
      }
    }
    System.out.printf("%n[corpus] %s: %d lines in %d file(s), mean %.1f bytes per line%n", format, LINES,
        files.size(), bytes / (double) LINES);
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void parse(Blackhole blackhole) {
    EventSink sink = new EventSink() {
      @Override
      public void accept(LogEvent event) {
        blackhole.consume(event);
      }

      @Override
      public void skipped(SourceLine line) {
        blackhole.consume(line);
      }
    };
    for (CorpusFile file : files) {
      var parser = logFormat.newParser(new ParseContext(file.name(), ZoneOffset.UTC, REFERENCE_TIME, null));
      long offset = 0;
      int number = 0;
      for (String text : file.lines()) {
        parser.parse(new SourceLine(file.name(), ++number, offset, text), sink);
        offset += text.length() + 1;
      }
      parser.flush(sink);
    }
  }

  /** The generated corpus folder of a format, made by its Python generator on first use. */
  private static Path generated(String format) throws IOException, InterruptedException {
    Path dir = Path.of(System.getProperty("smtptrail.bench.dir", "benchmarks/corpus")).resolve("parse-" + format);
    if (!Files.isRegularFile(dir.resolve("expected.tsv"))) {
      Process generator = new ProcessBuilder("python3", "benchmarks/" + format + "/generate_corpus.py",
          dir.toString(), "--messages", "5000", "--seed", "42").inheritIO().start();
      if (generator.waitFor() != 0) {
        throw new IllegalStateException("the " + format + " corpus generator failed (run from the repository root)");
      }
    }
    return dir;
  }

  /** Exactly {@value #LINES} lines, taken from the logs in proportion to their sizes. */
  private static List<CorpusFile> shares(Path dir) throws IOException {
    List<Path> logs;
    try (Stream<Path> listing = Files.list(dir)) {
      logs = listing.filter(p -> !p.getFileName().toString().startsWith("expected")).sorted(Comparator.naturalOrder())
          .toList();
    }
    List<List<String>> all = new ArrayList<>();
    long total = 0;
    for (Path log : logs) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      all.add(lines);
      total += lines.size();
    }
    if (total < LINES) {
      throw new IllegalStateException(dir + " holds " + total + " lines, fewer than " + LINES
          + ": delete it to generate a bigger corpus");
    }
    int[] share = new int[logs.size()];
    int taken = 0;
    int largest = 0;
    for (int i = 0; i < logs.size(); i++) {
      share[i] = (int) ((long) LINES * all.get(i).size() / total);
      taken += share[i];
      largest = all.get(i).size() > all.get(largest).size() ? i : largest;
    }
    share[largest] += LINES - taken; // the rounding remainder, fewer lines than files: the largest file has them
    List<CorpusFile> shares = new ArrayList<>();
    for (int i = 0; i < logs.size(); i++) {
      shares.add(new CorpusFile(logs.get(i).getFileName().toString(), all.get(i).subList(0, share[i])));
    }
    return shares;
  }
}
