package org.smtptrail.engine.ingest;

import java.time.Duration;

/**
 * How the tailer paces itself.
 *
 * @param poll         how often files are checked for new lines and rotations
 * @param commit       how often new events are committed (what readers in other processes see)
 * @param quietFlush   after this long without growth, a record a parser still buffers is emitted
 * @param detachedGrace how long a renamed or deleted file is still read after its last growth
 */
public record TailSettings(Duration poll, Duration commit, Duration quietFlush, Duration detachedGrace) {
  /** 100 ms polls and 250 ms commits: a new line is searchable well within a second. */
  public static TailSettings defaults() {
    return new TailSettings(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1),
        Duration.ofSeconds(5));
  }
}
