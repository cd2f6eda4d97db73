package org.smtptrail.engine.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A failure of work done on another thread (the index worker's, a background commit's), thrown again on the reading
 * thread that meets it: as it was when it can be, an I/O failure wrapped in an unchecked one as itself, anything
 * else as an I/O failure.
 */
final class OtherThreadFailure {
  private OtherThreadFailure() {}

  /** Throws {@code failed} again; does nothing when it is null (nothing failed). */
  static void rethrow(Throwable failed) throws IOException {
    switch (failed) {
      case null -> {}
      case IOException io -> throw io;
      case UncheckedIOException unchecked -> throw unchecked.getCause();
      case RuntimeException runtime -> throw runtime;
      case Error error -> throw error;
      default -> throw new IOException(failed);
    }
  }
}
