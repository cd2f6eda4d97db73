package org.smtptrail.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
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
import org.smtptrail.engine.index.EventSchema;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.FileTailer;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.LogSource;
import org.smtptrail.engine.ingest.TailSettings;
import org.smtptrail.testkit.PostfixCorpus;

/**
 * The tailer end to end: a writer thread appends generated Postfix lines at {@code rate} lines per second while the
 * tailer (default settings: 100 ms polls, 250 ms commits) follows the file. Each benchmark operation appends one
 * marker line and waits until a reader (as {@code trace} in another process would open one) finds it: the sample
 * time is the append-to-searchable latency (p50/p99 in the output). The sustained rate is printed at tear-down.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
public class TailEndToEndBenchmark extends EngineBenchmark {
  @Param("50000")
  public int rate;

  private Path folder;
  private Writer log;
  private FileTailer tailer;
  private Thread tailerThread;
  private Thread writerThread;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private RateWriter rated;
  private long startNanos;
  private FSDirectory indexDirectory;
  private DirectoryReader reader;
  private long marker;

  @Setup
  public void start() throws IOException {
    folder = Files.createTempDirectory("smtptrail-bench-tail");
    Path file = folder.resolve("mail.log");
    log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    DataDirectory data = new DataDirectory(folder.resolve("data"));
    tailer = new FileTailer(data, LocalStore.DEFAULT, TailSettings.defaults(),
        List.of(LogSource.of(file, new IngestOptions("postfix", ZoneOffset.UTC, null))));
    tailerThread = new Thread(() -> {
      try {
        tailer.run(running::get);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, "tailer");
    tailerThread.start();
    startNanos = System.nanoTime();
    rated = new RateWriter(log, PostfixCorpus.endless(5), rate);
    writerThread = new Thread(() -> rated.writeWhile(running::get), "writer");
    writerThread.start();
    indexDirectory = FSDirectory.open(data.index());
  }

  @Benchmark
  public long appendUntilSearchable() throws IOException {
    String recipient = "marker" + (++marker) + "@example.net";
    synchronized (log) {
      log.write(String.format("Nov 23 23:59:59 mx1 postfix/smtp[1]: F%09X: to=<%s>, relay=mx.example.net"
          + "[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)%n", marker, recipient));
      log.flush();
    }
    TermQuery query = new TermQuery(new Term(EventSchema.RECIPIENT, recipient));
    while (true) {
      if (reader == null) {
        if (DirectoryReader.indexExists(indexDirectory)) {
          reader = DirectoryReader.open(indexDirectory);
        }
      } else {
        DirectoryReader newer = DirectoryReader.openIfChanged(reader);
        if (newer != null) {
          reader.close();
          reader = newer;
        }
      }
      if (reader != null && new IndexSearcher(reader).count(query) > 0) {
        return marker;
      }
      LockSupport.parkNanos(2_000_000);
    }
  }

  @TearDown
  public void stop() throws Exception {
    running.set(false);
    writerThread.join();
    tailerThread.join();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("%n[tail] writer appended %d lines in %.1f s (%.0f lines/s); tailer read %d lines%n",
        rated.written(), seconds, rated.written() / seconds, tailer.linesRead());
    tailer.close();
    if (reader != null) {
      reader.close();
    }
    indexDirectory.close();
    log.close();
    Cleanup.delete(folder);
  }
}
