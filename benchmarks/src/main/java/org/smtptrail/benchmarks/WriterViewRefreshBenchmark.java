package org.smtptrail.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
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
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.FileTailer;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.LogSource;
import org.smtptrail.engine.ingest.TailSettings;
import org.smtptrail.engine.store.FreshView;
import org.smtptrail.testkit.PostfixCorpus;

/**
 * What a refresh of {@code serve --tail}'s writer view costs: a tailer follows a log on its own thread (commits every
 * 250 ms, refreshes only when asked); each operation appends {@code lines} generated Postfix lines (2 000 is 100 ms
 * of a server logging 20 k lines/s) and waits until the tailer has read them ({@code read}), or until a request for
 * a fresh view is answered ({@code readAndRefresh}: the same reading, then the verdict rows of the messages those
 * lines touched, the hand-over to the index writer and Lucene's near-real-time reopen). The difference between the
 * two is the refresh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class WriterViewRefreshBenchmark extends EngineBenchmark {
  @Param({"2000", "5000"})
  public int lines;

  private Path folder;
  private Writer log;
  private Iterator<String> corpus;
  private FileTailer tailer;
  private FreshView view;
  private Thread tailing;
  private final AtomicBoolean running = new AtomicBoolean(true);

  @Setup
  public void start() throws IOException {
    folder = Files.createTempDirectory("smtptrail-bench-refresh");
    Path file = folder.resolve("mail.log");
    log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    corpus = PostfixCorpus.endless(11);
    TailSettings onRequest = TailSettings.defaults().withRefresh(Duration.ofHours(1));
    tailer = new FileTailer(new DataDirectory(folder.resolve("data")), LocalStore.DEFAULT, onRequest,
        List.of(LogSource.of(file, new IngestOptions("postfix", ZoneOffset.UTC, null))));
    view = tailer.freshView();
    tailing = Thread.ofPlatform().name("tailer").start(() -> {
      try {
        tailer.run(running::get);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private long append() throws IOException {
    long before = tailer.linesRead();
    for (int n = 0; n < lines; n++) {
      log.write(corpus.next());
      log.write('\n');
    }
    log.flush();
    return before + lines;
  }

  @Benchmark
  public long read() throws IOException {
    long target = append();
    while (tailer.linesRead() < target) {
      LockSupport.parkNanos(100_000);
    }
    return target;
  }

  @Benchmark
  public boolean readAndRefresh() throws IOException, InterruptedException {
    append();
    return view.awaitFresh(Duration.ofSeconds(30));
  }

  @TearDown
  public void stop() throws Exception {
    running.set(false);
    tailing.join();
    tailer.close();
    log.close();
    Cleanup.delete(folder);
  }
}
