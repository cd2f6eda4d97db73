package org.smtptrail.cli.options;

import java.time.Instant;
import picocli.CommandLine.Option;

/** {@code --since T --until T}: the rows whose events overlap a time range, as trace and stats read them. */
public final class TimeRangeMixin {
  @Option(names = "--since", paramLabel = "T", converter = InstantConverter.class,
      description = "Rows with events at or after T: 2h, 3d, 2026-11-22, 2026-11-22T10:00:00Z.")
  Instant since;

  @Option(names = "--until", paramLabel = "T", converter = InstantConverter.class,
      description = "Rows whose message started at or before T.")
  Instant until;

  /** The lower bound, or null. */
  public Instant since() {
    return since;
  }

  /** The upper bound, or null. */
  public Instant until() {
    return until;
  }
}
