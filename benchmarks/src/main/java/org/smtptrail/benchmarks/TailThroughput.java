package org.smtptrail.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.FileTailer;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.LogSource;
import org.smtptrail.engine.ingest.TailSettings;
import org.smtptrail.engine.store.FreshView;
import org.smtptrail.testkit.PostfixCorpus;

/**
 * How fast a tailer catches up on a backlog, as {@code tail} (commits only) and as {@code serve --tail} (commits,
 * and its writer view refreshed every {@code REFRESH_MS}; with {@code asking}, also a reader that asks for fresh
 * lines every 20 ms, as a page polling for a probe does): the lines of a generated Postfix log of {@code LINES} lines,
 * read from the start with the default settings otherwise, in lines per second of wall time and of CPU time (all
 * threads of this JVM: reading, indexing, committing, merging). The modes run in alternating rounds, so a machine
 * shared with other work disturbs them alike.
 *
 * <p>Usage: {@code java [-Dmode=N] -cp benchmarks.jar org.smtptrail.benchmarks.TailThroughput LINES ROUNDS
 * [REFRESH_MS]}.
 */
public final class TailThroughput {
  private static final List<String> MODES = List.of("tail", "serve --tail", "serve --tail, asking");
  /** {@code -Dmode=N}: only that mode (for a profile of one); all by default. */
  private static final int ONLY = Integer.getInteger("mode", -1);

  public static void main(String[] args) throws Exception {
    int lines = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    Duration refresh = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 100);
    Path folder = Files.createTempDirectory("smtptrail-bench-throughput");
    try {
      Path log = folder.resolve("mail.log");
      try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
        for (String line : PostfixCorpus.lines(7, lines)) {
          out.write(line);
          out.write('\n');
        }
      }
      long total = Files.readAllLines(log).size();
      System.out.printf(Locale.ROOT, "%d lines (%d MB), refresh every %d ms%n", total, Files.size(log) >> 20,
          refresh.toMillis());
      List<List<double[]>> results = new ArrayList<>();
      MODES.forEach(mode -> results.add(new ArrayList<>()));
      for (int round = 0; round < rounds; round++) {
        for (int m = 0; m < MODES.size(); m++) {
          if (ONLY >= 0 && m != ONLY) {
            continue;
          }
          double[] figures = catchUp(folder.resolve("data-" + round + "-" + m), log, total, m, refresh);
          results.get(m).add(figures);
          System.out.printf(Locale.ROOT, "round %d %-22s %8.0f lines/s  %8.0f lines per CPU second%n", round,
              MODES.get(m), figures[0], figures[1]);
        }
      }
      for (int m = 0; m < MODES.size(); m++) {
        if (results.get(m).isEmpty()) {
          continue;
        }
        System.out.printf(Locale.ROOT, "median %-21s %8.0f lines/s  %8.0f lines per CPU second%n", MODES.get(m),
            median(results.get(m), 0), median(results.get(m), 1));
      }
    } finally {
      Cleanup.delete(folder);
    }
  }

  /** Lines per second of wall time and of CPU time until every line was read and committed. */
  private static double[] catchUp(Path data, Path log, long total, int mode, Duration refresh) throws Exception {
    TailSettings settings = TailSettings.defaults().withRefresh(refresh);
    FileTailer tailer = new FileTailer(new DataDirectory(data), LocalStore.DEFAULT, settings,
        List.of(LogSource.of(log, new IngestOptions("postfix", ZoneOffset.UTC, null))));
    FreshView view = mode == 0 ? null : tailer.freshView();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread asking = mode == 2 ? Thread.ofPlatform().daemon().start(() -> ask(view, running)) : null;
    long cpuBefore = processCpuNanos();
    long started = System.nanoTime();
    tailer.run(() -> tailer.linesRead() < total);
    tailer.close();
    long wall = System.nanoTime() - started;
    long cpu = processCpuNanos() - cpuBefore;
    running.set(false);
    if (asking != null) {
      asking.join();
    }
    Cleanup.delete(data);
    return new double[] {total / (wall / 1e9), total / (cpu / 1e9)};
  }

  private static void ask(FreshView view, AtomicBoolean running) {
    try {
      while (running.get()) {
        view.awaitFresh(Duration.ofSeconds(1));
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(List<double[]> figures, int index) {
    double[] values = figures.stream().mapToDouble(f -> f[index]).sorted().toArray();
    return values[values.length / 2];
  }
}
