package org.smtptrail.engine.ingest;

import java.nio.file.Path;

/** Hears how an ingest run advances, for progress bars. Every method has a do-nothing default. */
public interface IngestListener {
  /** Before the files are read: how many there are and their total size in bytes (compressed sizes as on disk). */
  default void started(int files, long totalBytes) {}

  /** A file is done (read, skipped or failed); {@code bytes} is its size on disk. */
  default void fileDone(Path file, long bytes) {}

  /**
   * The index was written before stored verdict rows existed: they are being built from its {@code events} (once,
   * before anything is read).
   */
  default void rebuildingRows(long events) {}

  /** The rows of messages holding {@code events} more events were built. */
  default void rowsRebuilt(long events) {}

  IngestListener NONE = new IngestListener() {};
}
