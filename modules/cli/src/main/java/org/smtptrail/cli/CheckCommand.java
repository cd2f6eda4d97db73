package org.smtptrail.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.smtptrail.cli.options.DataDirMixin;
import org.smtptrail.cli.options.InstantConverter;
import org.smtptrail.cli.render.Redaction;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.query.DeliveryRow;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smtptrail check --to ADDR}: the verdict of the newest matching message, as a line and an exit code. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    header = "Print the verdict of the newest message to ADDR; the exit code says it too.",
    footer = {"", "Exit codes: 0 handed over or delivered locally, 3 no record, 4 bounced/expired/rejected,",
        "            5 deferred or unknown."})
public final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataDirMixin data;

  @Option(names = "--to", required = true, paramLabel = "ADDR", description = "Recipient address.")
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
    List<DeliveryRow> rows;
    try (EventStore store = EventStore.open(data.dataDirectory())) {
      OldIndexNote.printIfOld(store, spec.commandLine().getErr());
      rows = new TraceSearcher(store).trace(new TraceQuery(to, null, null, messageId, null, since, null, null, 1));
    }
    if (redact) {
      rows = Redaction.keeping(to).apply(rows);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (rows.isEmpty()) {
      out.printf("NO_RECORD %s: no message to this address in the index%n", to);
      return ExitCodes.NO_RECORD;
    }
    DeliveryRow row = rows.get(0);
    out.println(verdictLine(row));
    if (row.hint() != null) {
      out.printf("  %s: %s%n", row.category(), row.hint());
    }
    return switch (row.verdict()) {
      case HANDED_OVER, DELIVERED_LOCALLY -> ExitCodes.OK;
      case BOUNCED, EXPIRED, REJECTED -> ExitCodes.FAILED;
      case DEFERRED, UNKNOWN -> ExitCodes.PENDING;
    };
  }

  static String verdictLine(DeliveryRow row) {
    StringBuilder line = new StringBuilder(row.verdict().name()).append(' ').append(row.recipient());
    if (row.relay() != null) {
      line.append(row.verdict() == org.smtptrail.core.verdict.Verdict.REJECTED ? " from " : " via ")
          .append(row.relay());
    }
    if (row.reply() != null) {
      line.append(": ").append(row.reply());
    }
    line.append(" (").append(row.attempts()).append(row.attempts() == 1 ? " attempt" : " attempts");
    line.append(", last ").append(row.lastEvent()).append(", ").append(row.key()).append(')');
    return line.toString();
  }
}
