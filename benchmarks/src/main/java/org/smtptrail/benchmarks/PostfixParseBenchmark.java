package org.smtptrail.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.SourceLine;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.format.postfix.PostfixFormat;

/**
 * Postfix parse throughput on one core: lines of a generated realistic corpus through {@code PostfixLineParser},
 * events sunk into a Blackhole. The score is lines per second; MB/s is that times the corpus's mean line length
 * (printed at setup). Run with {@code -prof gc} for the allocation per line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class PostfixParseBenchmark {
  static final int LINES = 100_000;

  private List<String> lines;
  private LineParser parser;

  @Setup
  public void setUp() {
    lines = PostfixCorpus.lines(42, LINES).subList(0, LINES);
    parser = new PostfixFormat().newParser(
        new ParseContext("mail.log", ZoneOffset.UTC, Instant.parse("2026-11-30T00:00:00Z"), null));
    long bytes = 0;
    for (String line : lines) {
      bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
    }
    System.out.printf("%n[corpus] %d lines, mean %.1f bytes per line%n", LINES, bytes / (double) LINES);
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
    long offset = 0;
    for (int i = 0; i < LINES; i++) {
      String text = lines.get(i);
      parser.parse(new SourceLine("mail.log", i + 1, offset, text), sink);
      offset += text.length() + 1;
    }
  }
}
