package org.smtptrail.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.smtptrail.cli.options.DataDirMixin;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.IngestSummary;
import org.smtptrail.engine.ingest.Ingester;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smtptrail index PATH...}: batch-index files and folders, incrementally. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    header = "Index log files and folders (plain, rotated, .gz); re-running adds only what is new.",
    description = {
      "Folders are read recursively; each file's format is sniffed (or forced with --format).",
      "Rotated sets (mail.log.2.gz, mail.log.1, mail.log) are read oldest first.",
      "Lines that cannot be read are counted, indexed as raw evidence and listed with file:line.",
      "Ctrl-C stops cleanly: what was read is committed and a re-run goes on from there (exit code 130).",
      "A full disk ends the run with exit code 7; the last commit is intact and a re-run continues."
    })
public final class IndexCommand implements Callable<Integer> {
  private static final int SKIPPED_FILES_SHOWN = 10;

  @Spec CommandSpec spec;
  @Mixin DataDirMixin data;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files or folders.")
  List<Path> paths;

  @Option(names = "--format", paramLabel = "NAME", description = "Read every file as this format (see 'formats').")
  String format;

  @Option(names = "--timezone", paramLabel = "ZONE", description = "Zone of timestamps without one (default: this"
      + " machine's, ${DEFAULT-VALUE}).", defaultValue = "${sys:user.timezone}")
  String timezone;

  @Option(names = "--host", paramLabel = "NAME", description = "Host name for lines that carry none.")
  String host;

  @Option(names = "--strict", description = "Exit with code 6 when any line could not be read.")
  boolean strict;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ZoneId zone = timezone == null || timezone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(timezone);
    if (format != null) {
      org.smtptrail.core.LogFormats.forName(format); // fail early, listing the installed formats
    }
    Ingester ingester = new Ingester(data.dataDirectory(), new IngestOptions(format, zone, host),
        ProgressBars.forTerminal());
    IngestSummary summary;
    try (GracefulStop stop = new GracefulStop("index")) {
      summary = ingester.index(paths, stop::running);
      printSummary(summary, out);
      if (summary.interrupted()) {
        spec.commandLine().getErr().println("smtptrail: interrupted: what was read is committed; run the same"
            + " command again to index the rest");
        return ExitCodes.INTERRUPTED;
      }
    }
    if (strict && summary.unparsedLines() > 0) {
      spec.commandLine().getErr().printf("smtptrail: --strict: %d line(s) could not be read, first at %s%n",
          summary.unparsedLines(), summary.unparsedExamples().get(0));
      return ExitCodes.UNPARSED_INPUT;
    }
    return ExitCodes.OK;
  }

  static void printSummary(IngestSummary summary, PrintWriter out) {
    out.printf(Locale.ROOT,
        "indexed %d file(s) (%d unchanged, %d skipped): %d lines, %d events, %d lines without delivery facts,"
            + " %d unparsed lines, %.1f s%n",
        summary.filesRead(), summary.filesUnchanged(), summary.filesSkipped().size(), summary.lines(),
        summary.events(), summary.skippedLines(), summary.unparsedLines(), summary.seconds());
    // files that are simply not logs (READMEs, scripts beside the logs) are one line, not one each
    List<String> notLogs = new ArrayList<>();
    List<IngestSummary.SkippedFile> problems = new ArrayList<>();
    for (IngestSummary.SkippedFile file : summary.filesSkipped()) {
      if (file.reason().startsWith(Ingester.NOT_A_LOG)) {
        notLogs.add(Path.of(file.file()).getFileName().toString());
      } else {
        problems.add(file);
      }
    }
    if (!notLogs.isEmpty()) {
      out.printf("  skipped %d file(s) of no known log format (use --format to force): %s%n", notLogs.size(),
          String.join(", ", notLogs.subList(0, Math.min(notLogs.size(), SKIPPED_FILES_SHOWN)))
              + (notLogs.size() > SKIPPED_FILES_SHOWN ? ", ..." : ""));
    }
    for (int i = 0; i < Math.min(problems.size(), SKIPPED_FILES_SHOWN); i++) {
      out.printf("  skipped %s: %s%n", problems.get(i).file(), problems.get(i).reason());
    }
    if (problems.size() > SKIPPED_FILES_SHOWN) {
      out.printf("  ... and %d more skipped file(s)%n", problems.size() - SKIPPED_FILES_SHOWN);
    }
    for (String example : summary.unparsedExamples()) {
      out.printf("  unparsed %s%n", example);
    }
    if (summary.unparsedLines() > summary.unparsedExamples().size()) {
      out.printf("  ... and %d more unparsed line(s)%n", summary.unparsedLines() - summary.unparsedExamples().size());
    }
  }
}
