package org.smtptrail.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.IngestSummary;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.ingest.LogSource;
import org.smtptrail.testkit.PostfixCorpus;

/**
 * End-to-end batch indexing on disk: read a generated Postfix file, parse, correlate (state in Chronicle Map),
 * build documents and write a real Lucene index, committed. Each invocation indexes the file into a fresh data
 * folder. The score is lines per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
public class CorrelateAndIndexBenchmark extends EngineBenchmark {
  static final int LINES = 200_000;

  private Path corpus;
  private Path data;
  private int run;

  @Setup(Level.Trial)
  public void writeCorpus() throws IOException {
    corpus = Files.createTempDirectory("smtptrail-bench-corpus");
    try (var log = Files.newBufferedWriter(corpus.resolve("mail.log"))) {
      new PostfixCorpus(7).write(log, java.io.Writer.nullWriter(), LINES);
    }
  }

  @Setup(Level.Iteration)
  public void freshDataFolder() throws IOException {
    data = Files.createTempDirectory("smtptrail-bench-data-" + run++);
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public IngestSummary indexFile() throws IOException {
    Path target = data.resolve("run-" + System.nanoTime());
    return new Ingester(new DataDirectory(target), LocalStore.DEFAULT, IngestListener.NONE)
        .index(List.of(LogSource.of(corpus.resolve("mail.log"), new IngestOptions("postfix", ZoneOffset.UTC, null))));
  }

  @TearDown(Level.Iteration)
  public void deleteData() throws IOException {
    Cleanup.delete(data);
  }

  @TearDown(Level.Trial)
  public void deleteCorpus() throws IOException {
    Cleanup.delete(corpus);
  }
}
