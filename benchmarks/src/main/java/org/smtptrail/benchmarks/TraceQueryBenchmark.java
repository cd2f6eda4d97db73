package org.smtptrail.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.ingest.LogSource;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.testkit.PostfixCorpus;

/**
 * Latency of {@code trace --to ADDR} (a recipient of the corpus, picked at random) on a large index: p50/p99 from
 * JMH's sample mode. The index is built once from a generated corpus of {@code lines} lines into
 * {@code benchmarks/corpus/} (or {@code -Dsmtptrail.bench.dir}) and reused by later runs; building 10 M lines takes
 * minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class TraceQueryBenchmark extends EngineBenchmark {
  @Param("10000000")
  public long lines;

  private EventStore store;
  private TraceSearcher searcher;
  private List<String> recipients;
  private final SplittableRandom random = new SplittableRandom(3);

  @Setup
  public void openIndex() throws IOException {
    Path base = Path.of(System.getProperty("smtptrail.bench.dir", "benchmarks/corpus")).resolve("query-" + lines);
    Path log = base.resolve("mail.log");
    DataDirectory data = new DataDirectory(base.resolve("data"));
    if (!Files.exists(base.resolve("indexed"))) {
      Files.createDirectories(base);
      try (var out = Files.newBufferedWriter(log); var expected = Files.newBufferedWriter(base.resolve("expected.tsv"))) {
        new PostfixCorpus(11).write(out, expected, lines);
      }
      System.out.printf("%n[setup] indexing %d lines into %s ...%n", lines, data.root());
      var summary = new Ingester(data, LocalStore.DEFAULT, IngestListener.NONE)
          .index(List.of(LogSource.of(log, new IngestOptions("postfix", ZoneOffset.UTC, null))));
      System.out.printf("[setup] %d events in %.0f s%n", summary.events(), summary.seconds());
      Files.writeString(base.resolve("indexed"), "done");
    }
    try (var expected = Files.lines(base.resolve("expected.tsv"))) { // streamed: it is as big as the corpus
      recipients = expected.filter(line -> random.nextInt(1000) == 0).map(line -> line.split("\t")[1]).toList();
    }
    store = EventStore.open(data);
    searcher = new TraceSearcher(store);
    System.out.printf("%n[setup] %d events in the index, %d sample recipients%n", store.eventCount(),
        recipients.size());
  }

  @Benchmark
  public List<DeliveryRow> traceByRecipient() throws IOException {
    String recipient = recipients.get(random.nextInt(recipients.size()));
    return searcher.trace(TraceQuery.all().withTo(recipient));
  }

  @TearDown
  public void close() throws IOException {
    store.close();
  }
}
