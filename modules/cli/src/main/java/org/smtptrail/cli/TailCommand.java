package org.smtptrail.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.smtptrail.cli.options.DataDirMixin;
import org.smtptrail.core.LogFormats;
import org.smtptrail.engine.ingest.FileTailer;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.TailSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smtptrail tail PATH...}: follow log files live; a new line is searchable within a second. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    header = "Follow log files (or folders) live and index new lines as they are written.",
    description = {
      "Survives rotation (rename + create, copytruncate, later gzip, delete + recreate) and restarts: reading",
      "resumes at the last checkpoint, without loss or duplicates, even after kill -9. A line is indexed once its",
      "newline has arrived. Stop with Ctrl-C (or SIGTERM): what was read is committed first."
    })
public final class TailCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataDirMixin data;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files (may not exist yet) or folders.")
  List<Path> paths;

  @Option(names = "--format", paramLabel = "NAME", description = "Read every file as this format (see 'formats').")
  String format;

  @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "${sys:user.timezone}",
      description = "Zone of timestamps without one (default: this machine's, ${DEFAULT-VALUE}).")
  String timezone;

  @Option(names = "--host", paramLabel = "NAME", description = "Host name for lines that carry none.")
  String host;

  @Option(names = "--poll-ms", paramLabel = "MS", defaultValue = "100",
      description = "How often files are checked when idle (default ${DEFAULT-VALUE}).")
  long pollMillis;

  @Option(names = "--commit-ms", paramLabel = "MS", defaultValue = "250",
      description = "How often new lines are committed, i.e. become searchable (default ${DEFAULT-VALUE}).")
  long commitMillis;

  @Option(names = "--max-seconds", paramLabel = "N", description = "Stop after N seconds (for scripts and tests).")
  Long maxSeconds;

  @Override
  public Integer call() throws Exception {
    if (format != null) {
      LogFormats.forName(format); // fail early, listing the installed formats
    }
    ZoneId zone = timezone == null || timezone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(timezone);
    TailSettings defaults = TailSettings.defaults();
    TailSettings settings = new TailSettings(Duration.ofMillis(pollMillis), Duration.ofMillis(commitMillis),
        defaults.quietFlush(), defaults.detachedGrace());
    PrintWriter out = spec.commandLine().getOut();
    try (GracefulStop stop = new GracefulStop("tail");
        FileTailer tailer = new FileTailer(data.dataDirectory(), new IngestOptions(format, zone, host), settings,
            paths)) {
      out.printf("following %s; Ctrl-C to stop%n", paths);
      out.flush();
      long deadline = maxSeconds == null ? Long.MAX_VALUE : System.nanoTime() + maxSeconds * 1_000_000_000L;
      tailer.run(() -> stop.running() && System.nanoTime() < deadline);
      tailer.close();
      out.printf("stopped: %d lines read%n", tailer.linesRead());
    }
    return ExitCodes.OK;
  }
}
