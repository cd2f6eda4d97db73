package org.smtptrail.engine.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One commit at a time on a thread of its own, so that the tailer goes on reading while Lucene writes and fsyncs the
 * new segments (benchmarks/RESULTS.md, "The hot path": a commit held the reading thread for 60 to 460 ms at 20 k
 * lines/s, and every line written meanwhile waited for it). Its failure (a full disk) is kept for the reading thread,
 * which meets it at its next commit. Used by the reading thread only.
 */
final class BackgroundCommit {
  /** A commit's work: the index's commit, then the checkpoints it makes safe. */
  @FunctionalInterface
  interface Work {
    void run() throws IOException;
  }

  private final ExecutorService thread = Executors.newSingleThreadExecutor(
      task -> Thread.ofPlatform().name("smtptrail-commit").daemon().unstarted(task));
  private Future<?> running;

  /** Whether the last commit started is still under way (after rethrowing its failure, if it failed). */
  boolean busy() throws IOException {
    if (running != null && running.isDone()) {
      await();
    }
    return running != null;
  }

  /** Starts a commit; the previous one must be done ({@link #busy()} false). */
  void start(Work work) {
    running = thread.submit(() -> {
      work.run();
      return null;
    });
  }

  /** Waits for the commit under way, if any, and rethrows its failure. */
  void await() throws IOException {
    Future<?> commit = running;
    if (commit == null) {
      return;
    }
    running = null;
    try {
      commit.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while a commit ran");
    } catch (ExecutionException failed) {
      OtherThreadFailure.rethrow(failed.getCause());
    }
  }

  /** Waits for the commit under way (its failure, if any, was or will be met by a commit of the reading thread). */
  void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
