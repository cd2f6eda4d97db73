package org.smtptrail.engine;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.LogSource;

/** The repository's sample logs of every format, as sources with the options sample-logs/smtptrail.yaml gives. */
public final class SampleLogs {
  public static final Path ROOT = Path.of("../../sample-logs").toAbsolutePath().normalize();
  private static final IngestOptions UTC = new IngestOptions(null, ZoneOffset.UTC, null);

  private SampleLogs() {}

  public static List<LogSource> everyFormat() {
    return List.of(
        LogSource.of(ROOT.resolve("postfix"), UTC),
        LogSource.of(ROOT.resolve("axigen/log"), new IngestOptions("axigen", ZoneOffset.UTC, "mx1")),
        LogSource.of(ROOT.resolve("axigen/syslog"), new IngestOptions("axigen", ZoneOffset.ofHours(1), null)),
        LogSource.of(ROOT.resolve("axigen/rsyslog"), new IngestOptions("axigen", ZoneOffset.UTC, null)),
        LogSource.of(ROOT.resolve("xeams"), new IngestOptions(null, ZoneOffset.UTC, "mail.example.com")),
        LogSource.of(ROOT.resolve("journey"), UTC));
  }
}
