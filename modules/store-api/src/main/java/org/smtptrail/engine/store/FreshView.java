package org.smtptrail.engine.store;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The view of a writer that readers of the same process search ({@code serve --tail}), committed or not, so a line
 * is found as soon as it was read rather than after the next commit. Only the writing thread refreshes it, once
 * everything it read is applied (events and the rows decided from them, so the two never disagree). Readers on other
 * threads ask for a refresh and wait for it ({@link #awaitFresh}): the writer answers at its next round, so a request
 * never waits more than one round of reading and one refresh. Rounds are numbered by the requests they answer: a
 * round takes the number of requests made before it started ({@link #asked()}); the refresh after it answers those,
 * and no later one (a request made while the round was reading may have come after the line it looks for, which the
 * next round reads).
 */
public interface FreshView extends Closeable {
  /**
   * Asks the writer to make visible what it reads from now on, and waits for it at most {@code max} (any thread).
   *
   * @return whether the view was refreshed after the request; false after {@code max}, or once the writer is gone
   */
  boolean awaitFresh(Duration max) throws InterruptedException;

  /** The writer, as a round of reading starts: the requests the refresh after this round answers. */
  long asked();

  /** Whether a request answered by a refresh after a round numbered {@code round} is waiting. */
  boolean waiting(long round);

  /**
   * The writer, with everything it read applied: takes it in, and answers the requests of {@code round} (a round
   * that read nothing new answers them without reopening).
   */
  void refresh(long round, boolean changed) throws IOException;

  /** When the writer last took in what it read (or found nothing new to take in). */
  Instant refreshed();

  /**
   * The writer, with nothing new to read: sleeps at most {@code nanos}, less if a reader asks meanwhile (a request
   * made after {@code round} started).
   */
  void sleep(long round, long nanos) throws InterruptedException;

  /** Whether the writer is gone: readers then fall back to what it committed. */
  boolean closed();
}
