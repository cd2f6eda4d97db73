package org.smtptrail.engine.state;

import java.nio.file.Path;
import org.smtptrail.engine.DataDirectory;

/**
 * The state store in its own JVM, for the kill test: {@code StateStoreProcess DATA_DIR NAME}; runs until killed.
 * Prints {@code opening} before each {@link StateStore#open}, {@code opened MILLIS} when it returns, and
 * {@code wrote NAME-N} once checkpoint {@code NAME-N} is written (with a message in flight); every 20 checkpoints
 * it removes its messages as the correlator prunes, closes the store and opens it again (kills fall in those too).
 */
public final class StateStoreProcess {
  private StateStoreProcess() {}

  public static void main(String[] args) throws Exception {
    DataDirectory data = new DataDirectory(Path.of(args[0]));
    String name = args[1];
    for (int n = 0; ; ) {
      System.out.println("opening");
      long started = System.nanoTime();
      try (StateStore store = StateStore.open(data)) {
        System.out.println("opened " + (System.nanoTime() - started) / 1_000_000);
        for (int i = 0; i < 20; i++, n++) {
          String checkpoint = name + "-" + n;
          store.checkpoints().put(checkpoint, new Checkpoint(n, n));
          store.inFlightMessages().put(checkpoint, new MessageEntry("postfix:mx1:" + checkpoint, n, true));
          System.out.println("wrote " + checkpoint);
        }
        // as the correlator prunes: a walk over every message in flight, locking each segment in turn
        store.inFlightMessages().removeIf(e -> e.ended() && e.key().startsWith("postfix:mx1:" + name + "-"));
      }
    }
  }
}
