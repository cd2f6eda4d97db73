package org.smtptrail.engine.index;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.ReaderManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.smtptrail.engine.store.FreshView;

/**
 * The local index as its writer holds it, committed or not (Lucene's near-real-time readers): the {@link FreshView}
 * of the local store. A commit costs an fsync and stays on its own, slower clock (it is what makes the lines
 * durable); a refresh makes them searchable in this process only.
 */
public final class WriterView implements FreshView {
  private final ReaderManager readers;
  private final Object requests = new Object();
  /** Requests made so far. */
  private long asked;
  /** Requests answered by a refresh. */
  private long answered;
  private boolean closed;
  private volatile Instant refreshed = Instant.now();

  WriterView(IndexWriter writer) throws IOException {
    // deletes applied: a message's old verdict rows must not show next to its new ones; not written to disk
    this.readers = new ReaderManager(writer, true, false);
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
      readers.maybeRefreshBlocking();
    }
    refreshed = Instant.now();
    answer(round);
  }

  @Override
  public Instant refreshed() {
    return refreshed;
  }

  private void answer(long round) {
    synchronized (requests) {
      if (round > answered) {
        answered = round;
        requests.notifyAll();
      }
    }
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

  /**
   * A reference to the current reader, to hand back with {@link #release}; null once the writer is gone (its last
   * readers stay usable until released).
   */
  public DirectoryReader acquire() throws IOException {
    try {
      return readers.acquire();
    } catch (AlreadyClosedException gone) {
      return null;
    }
  }

  /** Hands back a reader taken with {@link #acquire()}. */
  public void release(DirectoryReader reader) throws IOException {
    readers.release(reader);
  }

  @Override
  public boolean closed() {
    synchronized (requests) {
      return closed;
    }
  }

  /** The writer stops: waiting readers are let go, and the view closes once its last reader is handed back. */
  @Override
  public void close() throws IOException {
    synchronized (requests) {
      closed = true;
      requests.notifyAll();
    }
    readers.close();
  }
}
