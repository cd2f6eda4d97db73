package org.smtptrail.engine;

import java.io.InterruptedIOException;

/**
 * A wait a thread may be interrupted in (a stop, a shutdown) inside code that reports I/O failures: the interrupt
 * stays set for the callers above, and the wait ends as an {@link InterruptedIOException} naming what it waited for.
 */
public final class InterruptibleWait {
  /** The wait itself. */
  @FunctionalInterface
  public interface Wait {
    void run() throws InterruptedException;
  }

  private InterruptibleWait() {}

  /**
   * Runs {@code wait}; if the thread is interrupted meanwhile, throws "interrupted while {@code during}".
   */
  public static void await(String during, Wait wait) throws InterruptedIOException {
    try {
      wait.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + during);
    }
  }
}
