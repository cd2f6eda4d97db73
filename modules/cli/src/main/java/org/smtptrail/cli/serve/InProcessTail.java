package org.smtptrail.cli.serve;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import org.smtptrail.engine.ingest.FileTailer;
import org.smtptrail.engine.store.FreshView;
import org.smtptrail.engine.store.StoreHealth;

/**
 * {@code serve --tail}: the tailer on a thread of its own, so the server reads what it indexes: requests read the
 * tailer's {@link FreshView}, which takes in new lines at its next round of reading (or its refresh interval),
 * without waiting for a commit. It publishes how far it got for {@code /metrics}; a failure (a full
 * disk, say) stops the tailing, is printed, and shows as {@code smtptrail_tail_up 0}, while the server goes on
 * answering from what was committed.
 */
public final class InProcessTail implements Closeable {
  private final FileTailer tailer;
  private final PrintWriter err;
  private final FreshView view;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean up = true;
  private volatile long linesRead;
  private volatile Instant lastLineRead;

  /** What the tail has done, as of now. */
  record Status(boolean up, long linesRead, Instant lastLineRead) {}

  /** Starts tailing with a tailer that holds the data folder's write lock. */
  public InProcessTail(FileTailer tailer, PrintWriter err) throws IOException {
    this.tailer = tailer;
    this.err = err;
    this.view = tailer.freshView(); // before the thread starts: it refreshes the view from its first round
    this.thread = new Thread(this::run, "smtptrail-serve-tail");
    thread.start();
  }

  private void run() {
    try {
      tailer.run(() -> {
        publish(); // on the tailer's own thread, between lines: the counters are its alone
        return running;
      });
      tailer.close();
    } catch (IOException | RuntimeException e) {
      synchronized (err) {
        err.println("smtptrail serve: tailing stopped: " + e.getMessage());
        err.flush();
      }
      try {
        tailer.close();
      } catch (IOException | RuntimeException closing) {
        e.addSuppressed(closing);
      }
    } finally {
      up = false;
    }
  }

  private void publish() {
    long lines = tailer.linesRead();
    if (lines != linesRead) {
      linesRead = lines;
      lastLineRead = Instant.now();
    }
  }

  /** How the store has answered the tailer's writes (any thread: read while the tailer waits for the store too). */
  public StoreHealth storeHealth() {
    return tailer.storeHealth();
  }

  /** What the tailer read, committed or not, for the server's requests; closed once the tailing stops. */
  public FreshView view() {
    return view;
  }

  Status status() {
    return new Status(up, linesRead, lastLineRead);
  }

  /** Stops tailing: what was read is committed first. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
