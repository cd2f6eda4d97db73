package org.smtptrail.engine.store;

import java.io.IOException;

/**
 * What a writer applied so far, committed or not, as it was when taken ({@link StoreWriter#writtenSoFar()}): how the
 * write path reads back the events of a message it let go of, to decide its rows again. Closing it lets it go.
 */
public interface WrittenSoFar extends StoreReader {
  /** Whether an event of this message is in it: asked for every message the write path has not seen yet. */
  boolean hasMessage(String key) throws IOException;
}
