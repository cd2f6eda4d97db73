package org.smtptrail.cli.options;

import java.time.Duration;
import org.smtptrail.engine.ingest.TailSettings;
import picocli.CommandLine.Option;

/** {@code --poll-ms} and {@code --commit-ms}: how a tailer ({@code tail}, {@code serve --tail}) paces itself. */
public final class TailPacingMixin {
  @Option(names = "--poll-ms", paramLabel = "MS", defaultValue = "100",
      description = "How often files are checked when idle (default ${DEFAULT-VALUE}).")
  long pollMillis;

  @Option(names = "--commit-ms", paramLabel = "MS", defaultValue = "250",
      description = "How often new lines are committed, i.e. become searchable (default ${DEFAULT-VALUE}).")
  long commitMillis;

  /** The tailer's settings: these two, the defaults for the rest. */
  public TailSettings settings() {
    TailSettings defaults = TailSettings.defaults();
    return new TailSettings(Duration.ofMillis(pollMillis), Duration.ofMillis(commitMillis), defaults.refresh(),
        defaults.quietFlush(), defaults.detachedGrace());
  }
}
