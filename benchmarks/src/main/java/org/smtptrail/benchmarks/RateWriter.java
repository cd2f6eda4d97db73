package org.smtptrail.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A busy server's syslog: appends corpus lines to a log at a steady rate, in 10 ms slices of rate/100 lines, each
 * slice written and flushed while holding the writer (so a probe written by another thread, under the same lock,
 * never lands inside a line).
 */
final class RateWriter {
  private final Writer log;
  private final Iterator<String> lines;
  private final int linesPerSecond;
  private final AtomicLong written = new AtomicLong();

  RateWriter(Writer log, Iterator<String> lines, int linesPerSecond) {
    this.log = log;
    this.lines = lines;
    this.linesPerSecond = linesPerSecond;
  }

  /** Writes until {@code running} says stop (on the calling thread). */
  void writeWhile(BooleanSupplier running) {
    int perSlice = Math.max(1, linesPerSecond / 100);
    long next = System.nanoTime();
    try {
      while (running.getAsBoolean()) {
        synchronized (log) {
          for (int n = 0; n < perSlice; n++) {
            log.write(lines.next());
            log.write('\n');
          }
          log.flush();
        }
        written.addAndGet(perSlice);
        next += 10_000_000L;
        LockSupport.parkNanos(next - System.nanoTime());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lines written so far. */
  long written() {
    return written.get();
  }
}
