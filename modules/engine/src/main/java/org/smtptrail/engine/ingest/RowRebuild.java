package org.smtptrail.engine.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.smtptrail.engine.store.StoreWriter;
import org.smtptrail.engine.store.WrittenSoFar;
import org.smtptrail.engine.verdict.MessageRows;

/**
 * Builds the stored rows of an index written before they existed, from its events: the upgrade path that needs no
 * re-indexing of the logs. It runs once, when a writer first opens such an index; until its commit, readers answer
 * from the events as before, and an interrupted rebuild starts over next time.
 */
final class RowRebuild {
  /** How many events between two progress reports. */
  private static final long REPORT_EVERY = 10_000;

  private RowRebuild() {}

  static void run(StoreWriter store, IngestListener listener) throws IOException {
    store.deleteAllRows(); // a rebuild interrupted before its commit left none, but an odd store may hold some
    try (WrittenSoFar events = store.writtenSoFar()) {
      rebuild(store, events, listener);
    }
    store.markRowsCurrent();
  }

  private static void rebuild(StoreWriter store, WrittenSoFar events, IngestListener listener) throws IOException {
    long total = events.eventCount();
    listener.rebuildingRows(total);
    long[] done = {0, 0};
    try {
      events.forEachMessage((key, messageEvents) -> {
        try {
          // every old row was deleted above
          store.apply(store.rows(key, MessageRows.of(key, messageEvents), false));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        done[0] += messageEvents.size();
        if (done[0] - done[1] >= REPORT_EVERY) {
          listener.rowsRebuilt(done[0] - done[1]);
          done[1] = done[0];
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    listener.rowsRebuilt(total - done[1]); // with the events that belong to no message (unparsed lines)
  }
}
