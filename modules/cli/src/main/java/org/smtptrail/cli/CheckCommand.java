package org.smtptrail.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.smtptrail.cli.options.DataDirMixin;
import org.smtptrail.cli.options.InstantConverter;
import org.smtptrail.cli.options.ServerMixin;
import org.smtptrail.cli.options.StoreMixin;
import org.smtptrail.cli.query.Queries;
import org.smtptrail.cli.render.CheckLine;
import org.smtptrail.cli.render.CheckSummary;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.cli.render.Redaction;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.store.AddressPattern;
import org.smtptrail.engine.verdict.DeliveryRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smtptrail check --to ADDR}: the verdict of the newest matching message, as a line and an exit code; for a
 * pattern ({@code @example.org}, {@code *@x}), the rows per verdict and the worst one's exit code.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    header = "Print the verdict of the newest message to ADDR; the exit code says it too.",
    description = {"ADDR may be a pattern (@example.org, *@example.org, j?hn@*): then the rows per verdict are",
        "counted, and the exit code is the worst verdict's (4 if any failed, else 5 if any is pending)."},
    // a heading of its own: picocli's man page generator leaves a footer without one out
    footerHeading = "%nExit codes:%n",
    footer = {"  0 handed over or delivered locally, 3 no record, 4 bounced/expired/rejected,",
        "  5 deferred or unknown."})
public final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataDirMixin data;
  @Mixin ServerMixin server;
  @Mixin StoreMixin store;

  @Option(names = "--to", required = true, paramLabel = "ADDR",
      description = "Recipient address, or a pattern (@domain, * and ?).")
  String to;

  @Option(names = "--message-id", paramLabel = "ID", description = "Only this Message-ID.")
  String messageId;

  @Option(names = "--since", paramLabel = "T", converter = InstantConverter.class,
      description = "Only messages with events at or after T (2h, 3d, ISO-8601).")
  Instant since;

  @Option(names = "--redact", description = "Mask the local part of every address but --to (***@domain).")
  boolean redact;

  @Override
  public Integer call() throws Exception {
    Queries.checkQuery(to, messageId, since); // refuses what trace refuses, naming --to, before anything is read
    if (!AddressPattern.of(to).isExact()) {
      return checkPattern();
    }
    List<DeliveryRow> rows;
    try (Queries queries = server.queries(data, store)) {
      rows = queries.check(to, messageId, since).stream().toList();
    }
    if (redact) {
      rows = Redaction.keeping(to).apply(rows);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (rows.isEmpty()) {
      out.println(CheckLine.noRecord(to));
      return ExitCodes.NO_RECORD;
    }
    DeliveryRow row = rows.get(0);
    out.println(CheckLine.of(row));
    if (row.hint() != null) {
      out.printf("  %s: %s%n", row.category(), row.hint());
    }
    return ExitCodes.forVerdict(row.verdict());
  }

  /** Every row to the pattern, counted per verdict (--redact changes nothing: no address is printed). */
  private int checkPattern() throws Exception {
    CheckSummary summary;
    try (Queries queries = server.queries(data, store)) {
      summary = CheckSummary.of(to, queries.trace(
          new TraceQuery(to, null, null, messageId, null, since, null, null, 0)).rows());
    }
    PrintWriter out = spec.commandLine().getOut();
    summary.lines().forEach(out::println);
    return summary.exitCode();
  }
}
