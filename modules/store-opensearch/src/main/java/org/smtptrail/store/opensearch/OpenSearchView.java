package org.smtptrail.store.opensearch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.smtptrail.engine.store.FreshView;

/**
 * The {@link FreshView} of the OpenSearch store: a refresh sends what the writer holds and has OpenSearch make it
 * searchable ({@code _refresh}), so every reader of the store, in this process or not, finds it. Requests and rounds
 * work as in the local store's {@code WriterView} (the same logic: a request is answered by the refresh after the
 * next round that started after it).
 */
final class OpenSearchView implements FreshView {
  /** What a refresh does: send what is pending, then refresh the indices. */
  @FunctionalInterface
  interface Refresher {
    void refresh() throws IOException;
  }

  private final Refresher refresher;
  private final Object requests = new Object();
  /** Requests made so far. */
  private long asked;
  /** Requests answered by a refresh. */
  private long answered;
  private boolean closed;
  private volatile Instant refreshed = Instant.now();

  OpenSearchView(Refresher refresher) {
    this.refresher = refresher;
  }

  @Override
  public boolean awaitFresh(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (requests) {
      long mine = ++asked;
      requests.notifyAll(); // wakes a writer sleeping between rounds
      while (answered < mine && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        requests.wait(left / 1_000_000, (int) (left % 1_000_000));
      }
      return answered >= mine;
    }
  }

  @Override
  public long asked() {
    synchronized (requests) {
      return asked;
    }
  }

  @Override
  public boolean waiting(long round) {
    synchronized (requests) {
      return answered < round;
    }
  }

  @Override
  public void refresh(long round, boolean changed) throws IOException {
    if (changed) {
      refresher.refresh();
    }
    refreshed = Instant.now();
    synchronized (requests) {
      if (round > answered) {
        answered = round;
        requests.notifyAll();
      }
    }
  }

  @Override
  public Instant refreshed() {
    return refreshed;
  }

  @Override
  public void sleep(long round, long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    synchronized (requests) {
      long left;
      while (asked == round && !closed && (left = deadline - System.nanoTime()) > 0) {
        requests.wait(left / 1_000_000, (int) (left % 1_000_000));
      }
    }
  }

  @Override
  public boolean closed() {
    synchronized (requests) {
      return closed;
    }
  }

  /** The writer stops: waiting readers are let go. */
  @Override
  public void close() {
    synchronized (requests) {
      closed = true;
      requests.notifyAll();
    }
  }
}
