package org.smtptrail.engine;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writing the index or state of a data folder failed. Unlike a damaged input file this ends the run: what was read
 * since the last commit is rolled back, the last commit stays intact, and a re-run resumes from its checkpoints.
 */
public final class DataFolderWriteException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * What is said when a write finds no space: Linux's ENOSPC, Windows' wording, and Chronicle Map's when it
   * allocates a state file in full at creation (so the state files, once created, never meet a full disk).
   */
  private static final String[] NO_SPACE = {
    "No space left on device", "not enough space on the disk", "Not enough space to fallocate"
  };

  private final boolean diskFull;

  private DataFolderWriteException(String message, boolean diskFull, Throwable cause) {
    super(message, cause);
    this.diskFull = diskFull;
  }

  /** Whether the write failed because the disk of the data folder is full. */
  public boolean diskFull() {
    return diskFull;
  }

  /**
   * Wraps a failed write to the data folder {@code root}. Lucene may report it directly or as the cause of a later
   * {@code AlreadyClosedException}, so the whole cause chain is searched for a full disk.
   */
  public static DataFolderWriteException of(Path root, Throwable failure) {
    if (failure instanceof DataFolderWriteException known) {
      return known;
    }
    if (isDiskFull(failure)) {
      return new DataFolderWriteException("disk full: no space left to write the data folder " + root
          + "; what was committed before is intact: free some space and run the same command again", true, failure);
    }
    return new DataFolderWriteException("cannot write the data folder " + root + ": "
        + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()), false, failure);
  }

  /** Whether a failure, or anything that caused it, is the operating system saying the disk is full. */
  public static boolean isDiskFull(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (mentionsNoSpace(t)) {
        return true;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (mentionsNoSpace(suppressed)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean mentionsNoSpace(Throwable t) {
    String message = t.getMessage();
    if (message == null) {
      return false;
    }
    for (String words : NO_SPACE) {
      if (message.contains(words)) {
        return true;
      }
    }
    return false;
  }
}
