package org.smtptrail.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.smtptrail.cli.options.DataDirMixin;
import org.smtptrail.cli.options.SourcesMixin;
import org.smtptrail.cli.options.StoreMixin;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.engine.ingest.IngestSummary;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.ingest.LogSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smtptrail index [--config FILE] [PATH...]}: batch-index files, folders and configured sources. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    header = "Index log files and folders (plain, rotated, .gz); re-running adds only what is new.",
    description = {
      "Folders are read recursively; each file's format is sniffed (or forced with --format).",
      "--config FILE reads the sources of a smtptrail.yaml, each with its own format, host and zone.",
      "Rotated sets (mail.log.2.gz, mail.log.1, mail.log) are read oldest first.",
      "Lines that cannot be read are counted, indexed as raw evidence and listed with file:line.",
      "Ctrl-C stops cleanly: what was read is committed and a re-run goes on from there (exit code 130).",
      "A full disk ends the run with exit code 7; the last commit is intact and a re-run continues."
    })
public final class IndexCommand implements Callable<Integer> {
  private static final int SKIPPED_FILES_SHOWN = 10;

  @Spec CommandSpec spec;
  @Mixin DataDirMixin data;
  @Mixin StoreMixin store;

  @Mixin SourcesMixin sources;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Log files or folders (with or instead of --config).")
  List<Path> paths;

  @Option(names = "--strict",
      description = "Exit with code 6 when any line or file could not be read (empty files and files of no known"
          + " format are reported, not counted).")
  boolean strict;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<LogSource> toRead = sources.sources(paths);
    Ingester ingester = new Ingester(data.dataDirectory(), store.store(sources.configuredStore()),
        ProgressBars.forTerminal(spec.commandLine().getErr()));
    IngestSummary summary;
    try (GracefulStop stop = new GracefulStop("index")) {
      summary = ingester.index(toRead, stop::running);
      printSummary(summary, out);
      if (summary.interrupted()) {
        spec.commandLine().getErr().println("smtptrail: interrupted: what was read is committed; run the same"
            + " command again to index the rest");
        return ExitCodes.INTERRUPTED;
      }
    }
    if (strict && (summary.unparsedLines() > 0 || !summary.unreadableFiles().isEmpty())) {
      PrintWriter err = spec.commandLine().getErr();
      if (summary.unparsedLines() > 0) {
        err.printf("smtptrail: --strict: %d line(s) could not be read, first at %s%n",
            summary.unparsedLines(), summary.unparsedExamples().get(0));
      }
      if (!summary.unreadableFiles().isEmpty()) {
        IngestSummary.SkippedFile first = summary.unreadableFiles().get(0);
        err.printf("smtptrail: --strict: %d file(s) could not be read, first %s: %s%n",
            summary.unreadableFiles().size(), first.file(), first.reason());
      }
      return ExitCodes.UNPARSED_INPUT;
    }
    return ExitCodes.OK;
  }

  static void printSummary(IngestSummary summary, PrintWriter out) {
    // probes are named only where there are some: most servers send none, and the line is long enough
    String probes = summary.probes() == 0 ? ""
        : ", " + summary.probes() + " address-verification probes (not deliveries, no rows)";
    out.printf(Locale.ROOT,
        "indexed %d file(s) (%d unchanged, %d skipped): %d lines, %d events, %d lines without delivery facts,"
            + " %d unparsed lines%s, %.1f s%n",
        summary.filesRead(), summary.filesUnchanged(), summary.filesSkipped().size(), summary.lines(),
        summary.events(), summary.skippedLines(), summary.unparsedLines(), probes, summary.seconds());
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
    for (IngestSummary.UnparsedInFile file : summary.unparsedPerFile()) {
      out.printf("  %s: %d unparsed line(s), first at line%s %s%n", file.file(), file.count(),
          file.firstLines().size() > 1 ? "s" : "",
          file.firstLines().stream().map(String::valueOf).collect(Collectors.joining(", "))
              + (file.count() > file.firstLines().size() ? ", ..." : ""));
    }
    for (String example : summary.unparsedExamples()) {
      out.printf("  unparsed %s%n", example);
    }
    if (summary.unparsedLines() > summary.unparsedExamples().size()) {
      out.printf("  ... and %d more unparsed line(s)%n", summary.unparsedLines() - summary.unparsedExamples().size());
    }
  }
}
