package org.smtptrail.engine.ingest;

import java.time.Duration;

/**
 * How the tailer paces itself.
 *
 * @param poll         how often files are checked for new lines and rotations
 * @param commit       how often new events are committed (what readers in other processes see)
 * @param refresh      how often the {@link FileTailer#freshView() view} of readers in this process takes in what was
 *                     read (when there is one: {@code serve --tail}); it is refreshed sooner when one of them asks
 * @param quietFlush   after this long without growth, a record a parser still buffers is emitted
 * @param detachedGrace how long a renamed or deleted file is still read after its last growth
 */
public record TailSettings(Duration poll, Duration commit, Duration refresh, Duration quietFlush,
    Duration detachedGrace) {
  /**
   * 100 ms polls and 250 ms commits: a new line is searchable from another process well within a second; 100 ms
   * refreshes of this process's view (benchmarks/RESULTS.md, "The hot path").
   */
  public static TailSettings defaults() {
    return new TailSettings(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(100),
        Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  /** These settings with another {@link #refresh()}. */
  public TailSettings withRefresh(Duration every) {
    return new TailSettings(poll, commit, every, quietFlush, detachedGrace);
  }
}
