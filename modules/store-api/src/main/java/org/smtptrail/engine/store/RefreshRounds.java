package org.smtptrail.engine.store;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The requests and rounds of a {@link FreshView}, whatever the store: a store's view says only how it takes in what
 * the writer applied ({@link #takeIn()}). A request is answered by the refresh after the next round that started
 * after it (see {@link FreshView}); one monitor guards the counts, and the writer sleeping between rounds wakes at a
 * request.
 */
public abstract class RefreshRounds implements FreshView {
  private final Object requests = new Object();
  /** Requests made so far. */
  private long asked;
  /** Requests answered by a refresh. */
  private long answered;
  private boolean closed;
  private volatile Instant refreshed = Instant.now();

  /** Makes what the writer applied visible to this view's readers (the writer's thread, between rounds). */
  protected abstract void takeIn() throws IOException;

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
      takeIn();
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

  /** The writer stops: waiting readers are let go. A view that holds more closes it after calling this. */
  @Override
  public void close() throws IOException {
    synchronized (requests) {
      closed = true;
      requests.notifyAll();
    }
  }
}
