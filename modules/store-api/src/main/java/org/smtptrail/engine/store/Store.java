package org.smtptrail.engine.store;

import java.io.IOException;
import org.smtptrail.engine.DataDirectory;

/**
 * Where the events and rows of an agent's logs are kept: the local Lucene folder inside the data folder, or a store
 * elsewhere. The data folder always holds what the agent keeps for itself (checkpoints, messages in flight).
 */
public interface Store {
  /**
   * Opens the store for writing, for the agent of this data folder.
   *
   * @throws IOException naming what to check when the store cannot be written (in use, a full disk, unreachable)
   */
  StoreWriter openWriter(DataDirectory dataDirectory) throws IOException;

  /** Opens the store for reading, as it was last committed; a store with nothing in it reads as empty. */
  StoreReader openReader(DataDirectory dataDirectory) throws IOException;

  /**
   * Opens the store for a server's requests ({@code serve}), reading through {@code writerView} while this
   * process's writer runs ({@code serve --tail}; null without one).
   *
   * @throws IOException naming what to run when the store must be upgraded first, or what to check
   */
  LiveStore openLive(DataDirectory dataDirectory, FreshView writerView) throws IOException;
}
