package org.smtptrail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.smtptrail.engine.index.EventStore;

/** Tells the user once per command that an index from an older smtptrail is answered the slow way, and the fix. */
final class OldIndexNote {
  private OldIndexNote() {}

  static void printIfOld(EventStore store, PrintWriter err) throws IOException {
    if (!store.hasStoredRows() && store.eventCount() > 0) {
      err.println("smtptrail: note: this index was written by an older smtptrail and is answered from its events;"
          + " run smtptrail upgrade (or the next index or tail does it) to store its verdicts, which makes"
          + " trace --status and stats fast");
    }
  }
}
