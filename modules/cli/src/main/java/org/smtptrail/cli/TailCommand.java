package org.smtptrail.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.smtptrail.cli.options.DataDirMixin;
import org.smtptrail.cli.options.SourcesMixin;
import org.smtptrail.cli.options.StoreMixin;
import org.smtptrail.cli.options.TailPacingMixin;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.engine.ingest.FileTailer;
import org.smtptrail.engine.ingest.LogSource;
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
  @Mixin StoreMixin store;

  @Mixin SourcesMixin sources;

  @Parameters(arity = "0..*", paramLabel = "PATH",
      description = "Log files (may not exist yet) or folders (with or instead of --config).")
  List<Path> paths;

  @Mixin TailPacingMixin pacing;

  @Option(names = "--max-seconds", paramLabel = "N", description = "Stop after N seconds (for scripts and tests).")
  Long maxSeconds;

  @Override
  public Integer call() throws Exception {
    List<LogSource> toFollow = sources.sources(paths);
    TailSettings settings = pacing.settings();
    PrintWriter out = spec.commandLine().getOut();
    try (GracefulStop stop = new GracefulStop("tail");
        FileTailer tailer = new FileTailer(data.dataDirectory(), store.store(sources.configuredStore()), settings,
            toFollow, ProgressBars.forTerminal(spec.commandLine().getErr()))) {
      out.printf("following %s; Ctrl-C to stop%n",
          toFollow.stream().map(LogSource::describe).collect(Collectors.joining(", ", "[", "]")));
      out.flush();
      long deadline = maxSeconds == null ? Long.MAX_VALUE : System.nanoTime() + maxSeconds * 1_000_000_000L;
      tailer.run(() -> stop.running() && System.nanoTime() < deadline);
      tailer.close();
      out.printf("stopped: %d lines read%n", tailer.linesRead());
      for (String problem : tailer.problems()) {
        out.printf("  could not read %s%n", problem);
      }
    }
    return ExitCodes.OK;
  }
}
