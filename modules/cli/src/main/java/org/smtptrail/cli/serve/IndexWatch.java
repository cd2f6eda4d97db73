package org.smtptrail.cli.serve;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.query.StatsReport;
import org.smtptrail.engine.query.StatsSearcher;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.store.LiveFigures;
import org.smtptrail.engine.store.LiveStore;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.StatsGroup;

/**
 * Keeps the server's view of the index fresh: every {@code refreshEvery} it takes in what writers committed (a
 * {@code tail} or {@code index} in another process; with {@code --tail} the tailer refreshes the view requests read
 * itself, and this only matters once that tailer stopped). On another thread it counts the
 * rows per verdict for {@code /metrics} whenever the index changed, at most once per {@code countEvery}: a count
 * reads every row, so it must neither delay refreshes nor run on every commit of a busy tail.
 */
final class IndexWatch implements Closeable {
  private final LiveStore index;
  private final Duration refreshEvery;
  private final Duration countEvery;
  private final PrintWriter err;
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
      task -> daemon(task, "smtptrail-serve-refresh"));
  private final ScheduledExecutorService counter = Executors.newSingleThreadScheduledExecutor(
      task -> daemon(task, "smtptrail-serve-count"));
  private final AtomicBoolean refreshFailureReported = new AtomicBoolean();
  private final AtomicBoolean counting = new AtomicBoolean();
  private volatile Counted counted = Counted.NONE;

  /**
   * Rows per verdict and the newest event, as of one index version.
   *
   * @param version   the index version counted, -1 for none yet
   * @param rows      rows per verdict
   * @param newest    time of the newest row's last event, or null
   * @param countedAt when the count ended, or null
   */
  record Counted(long version, Map<Verdict, Long> rows, Instant newest, Instant countedAt) {
    static final Counted NONE = new Counted(-1, Map.of(), null, null);
  }

  IndexWatch(LiveStore index, Duration refreshEvery, Duration countEvery, PrintWriter err) {
    this.index = index;
    this.refreshEvery = refreshEvery;
    this.countEvery = countEvery;
    this.err = err;
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  void start() {
    refresher.scheduleWithFixedDelay(this::refresh, 0, refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    try {
      index.refresh();
      refreshFailureReported.set(false);
      maybeCount();
    } catch (IOException | RuntimeException e) {
      // a damaged or vanished index: say it once, keep serving the last good view, try again next round
      if (refreshFailureReported.compareAndSet(false, true)) {
        log("cannot refresh the index view: " + e);
      }
    }
  }

  private void maybeCount() throws IOException {
    long version = index.figures().version();
    if (version < 0) {
      counted = Counted.NONE; // no index (any more): no rows to report
      return;
    }
    Counted last = counted;
    boolean due = last.countedAt() == null
        || Duration.between(last.countedAt(), Instant.now()).compareTo(countEvery) >= 0;
    if (version >= 0 && version != last.version() && due && counting.compareAndSet(false, true)) {
      counter.execute(this::count);
    }
  }

  private void count() {
    Counted last = counted;
    long version = last.version();
    try {
      version = index.figures().version(); // before acquiring: never newer than what is counted
      Optional<? extends StoreReader> acquired = index.acquire();
      if (acquired.isEmpty()) {
        return;
      }
      try (StoreReader store = acquired.get()) {
        StatsReport report = new StatsSearcher(store).stats(null, null, StatsGroup.verdict);
        Map<Verdict, Long> rows = new EnumMap<>(Verdict.class);
        for (Verdict verdict : Verdict.values()) {
          rows.put(verdict, 0L);
        }
        report.groups().forEach(group -> rows.put(Verdict.valueOf(group.key()), group.counts().rows()));
        Instant newest = new TraceSearcher(store).trace(TraceQuery.all().withLimit(1)).stream()
            .map(DeliveryRow::lastEvent).findFirst().orElse(null);
        counted = new Counted(version, Map.copyOf(rows), newest, Instant.now());
      }
    } catch (IOException | RuntimeException e) {
      log("cannot count the rows per verdict: " + e);
      counted = new Counted(version, last.rows(), last.newest(), Instant.now()); // try again after countEvery
    } finally {
      counting.set(false);
    }
  }

  /** The index as of the last refresh, for one request within its time budget; empty while there is no index. */
  Optional<? extends StoreReader> acquire(Duration budget) throws IOException {
    return index.acquire(budget);
  }

  LiveFigures figures() throws IOException {
    return index.figures();
  }

  Counted counted() {
    return counted;
  }

  private void log(String message) {
    synchronized (err) {
      err.println("smtptrail serve: " + message);
      err.flush();
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    counter.shutdownNow();
    try {
      refresher.awaitTermination(5, TimeUnit.SECONDS);
      counter.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
