package org.smtptrail.engine.ingest;

import java.nio.file.Path;

/** Hears how an ingest run advances, for progress bars. Every method has a do-nothing default. */
public interface IngestListener {
  /** Before the files are read: how many there are and their total size in bytes (compressed sizes as on disk). */
  default void started(int files, long totalBytes) {}

  /** A file is done (read, skipped or failed); {@code bytes} is its size on disk. */
  default void fileDone(Path file, long bytes) {}

  IngestListener NONE = new IngestListener() {};
}
