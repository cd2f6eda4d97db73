package org.smtptrail.engine.index;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.ReaderManager;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * The index as its writer holds it, committed or not (Lucene's near-real-time readers): what a process that both
 * writes and answers ({@code serve --tail}) searches, so a line is found as soon as it was read rather than after the
 * next commit (a commit costs an fsync and stays on its own, slower clock: it is what makes the lines durable).
 *
 * <p>Only the writing thread refreshes the view, once everything it read is in the writer (events and the verdict
 * rows computed from them, so that the two never disagree). Readers on other threads can ask for a refresh and wait
 * for it ({@link #awaitFresh}): the writer answers at its next round, so a request never waits more than one round
 * of reading and one refresh. Rounds are numbered by the requests they answer: a round takes the number of requests
 * made before it started ({@link #asked()}); the refresh after it answers those, and no later one (a request made
 * while the round was reading may have come after the line it looks for, which the next round reads).
 */
public final class WriterView implements Closeable {
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

  /**
   * Asks the writer to make visible what it reads from now on, and waits for it at most {@code max} (any thread).
   *
   * @return whether the view was refreshed after the request; false after {@code max}, or once the writer is gone
   */
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

  /** The writer, as a round of reading starts: the requests the refresh after this round answers. */
  public long asked() {
    synchronized (requests) {
      return asked;
    }
  }

  /** Whether a request answered by a refresh after a round numbered {@code round} is waiting. */
  public boolean waiting(long round) {
    synchronized (requests) {
      return answered < round;
    }
  }

  /**
   * The writer, with everything it read in the writer: takes it in, and answers the requests of {@code round} (a
   * round that read nothing new answers them without reopening).
   */
  public void refresh(long round, boolean changed) throws IOException {
    if (changed) {
      readers.maybeRefreshBlocking();
    }
    refreshed = Instant.now();
    answer(round);
  }

  /** When the writer last took in what it read (or found nothing new to take in). */
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

  /**
   * The writer, with nothing new to read: sleeps at most {@code nanos}, less if a reader asks meanwhile (a request
   * made after {@code round} started).
   */
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

  /** Whether the writer is gone: readers then fall back to what it committed. */
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
