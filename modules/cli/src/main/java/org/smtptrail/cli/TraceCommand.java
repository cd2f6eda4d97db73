package org.smtptrail.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.smtptrail.cli.options.DataDirMixin;
import org.smtptrail.cli.options.OutputFormatMixin;
import org.smtptrail.cli.options.ServerMixin;
import org.smtptrail.cli.options.StoreMixin;
import org.smtptrail.cli.options.TimeRangeMixin;
import org.smtptrail.cli.query.Queries;
import org.smtptrail.cli.query.TracePage;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.cli.render.OutputFormat;
import org.smtptrail.cli.render.Redaction;
import org.smtptrail.cli.render.RowRenderer;
import org.smtptrail.cli.render.TableRenderer;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.verdict.DeliveryRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smtptrail trace}: one row per (message, recipient), newest first, with verdict and evidence. */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    header = "List delivery verdicts per (message, recipient), newest first, with evidence.",
    description = "Every filter is optional; without any, everything is listed (up to --limit).")
public final class TraceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataDirMixin data;
  @Mixin OutputFormatMixin output;
  @Mixin TimeRangeMixin time;
  @Mixin ServerMixin server;
  @Mixin StoreMixin store;

  @Option(names = "--to", paramLabel = "ADDR", description = {"Recipient (or original recipient) address.",
      "@example.net: every address at that domain; * (any characters) and ? (one character) are wildcards:",
      "'*@example.net', 'j?hn@*'. Nothing else is special."})
  String to;

  @Option(names = "--from", paramLabel = "ADDR", description = "Envelope sender address (@domain, * and ? as --to).")
  String from;

  @Option(names = "--domain", paramLabel = "D", description = "Recipient domain, subdomains included.")
  String domain;

  @Option(names = "--message-id", paramLabel = "ID", description = "Message-ID, with or without <>.")
  String messageId;

  @Option(names = "--id", paramLabel = "QUEUEID|LCID", description = "Queue id, LCID or message key.")
  String id;

  @Option(names = "--status", paramLabel = "VERDICT",
      description = "Only this verdict: ${COMPLETION-CANDIDATES}.")
  Verdict status;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "At most N rows (default ${DEFAULT-VALUE}; 0 = no limit).")
  int limit;

  @Option(names = "--page", paramLabel = "N", defaultValue = "1",
      description = "Page N of --limit rows each (default ${DEFAULT-VALUE}); the table says when there are more.")
  int page;

  @Option(names = "--evidence", description = "Table: always print the evidence lines under each row.")
  boolean evidence;

  @Option(names = "--brief", description = "Table: never print evidence lines.")
  boolean brief;

  @Option(names = "--redact", description = "Mask the local part of every address but --to/--from (***@domain),"
      + " in rows and evidence, to share the output.")
  boolean redact;

  @Override
  public Integer call() throws Exception {
    if (limit < 0) {
      throw new IllegalArgumentException("--limit must be 0 (no limit) or more, not " + limit);
    }
    if (page < 1) {
      throw new IllegalArgumentException("--page must be 1 or more, not " + page);
    }
    if (page > 1 && limit == 0) {
      throw new IllegalArgumentException("--page needs a --limit (the page size); --limit 0 lists everything");
    }
    TraceQuery query = new TraceQuery(to, from, domain, messageId, id, time.since(), time.until(), status, limit,
        (page - 1) * limit);
    TracePage answer;
    try (Queries queries = server.queries(data, store)) {
      answer = queries.trace(query);
    }
    List<DeliveryRow> rows = answer.rows();
    boolean more = answer.more();
    if (redact) {
      rows = Redaction.keeping(to, from).apply(rows);
    }
    TableRenderer.Evidence shown = brief ? TableRenderer.Evidence.NEVER
        : evidence ? TableRenderer.Evidence.ALWAYS : TableRenderer.Evidence.AUTO;
    PrintWriter out = spec.commandLine().getOut();
    RowRenderer.of(output.format(), shown).render(rows, out);
    if (more && output.format() == OutputFormat.table) {
      out.printf("(more rows: add --page %d)%n", page + 1);
    }
    return ExitCodes.OK;
  }
}
