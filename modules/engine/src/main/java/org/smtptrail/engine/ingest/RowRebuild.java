package org.smtptrail.engine.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.smtptrail.engine.index.EventIndex;
import org.smtptrail.engine.index.EventStore;
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

  static void run(EventIndex index, IngestListener listener) throws IOException {
    index.deleteAllRows(); // a rebuild interrupted before its commit left none, but an odd index may hold some
    EventStore events = EventStore.over(index.recentReader());
    long total = events.eventCount();
    listener.rebuildingRows(total);
    long[] done = {0, 0};
    try {
      events.forEachMessage((key, messageEvents) -> {
        try {
          index.addRows(MessageRows.of(key, messageEvents)); // every old row was deleted above
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
    index.markRowsCurrent();
  }
}
