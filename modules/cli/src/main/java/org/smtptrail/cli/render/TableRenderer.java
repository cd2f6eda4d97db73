package org.smtptrail.cli.render;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.smtptrail.engine.query.DeliveryRow;

/**
 * A table for people: one line per row with the verdict and what decided it, the diagnosis hint for failures, and
 * the evidence lines beneath each row (shown by default for up to {@value #EVIDENCE_ROWS} rows).
 */
public final class TableRenderer implements RowRenderer {
  /** Whether evidence lines are printed under each row. */
  public enum Evidence {
    AUTO,
    ALWAYS,
    NEVER
  }

  static final int EVIDENCE_ROWS = 20;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private final Evidence evidence;

  public TableRenderer(Evidence evidence) {
    this.evidence = evidence;
  }

  @Override
  public void render(List<DeliveryRow> rows, PrintWriter out) {
    if (rows.isEmpty()) {
      out.println("no record found");
      return;
    }
    boolean showEvidence = evidence == Evidence.ALWAYS || evidence == Evidence.AUTO && rows.size() <= EVIDENCE_ROWS;
    out.printf("%-19s  %-32s  %-17s  %3s  %-40s  %s%n", "LAST EVENT", "RECIPIENT", "VERDICT", "TRY", "RELAY / REPLY",
        "KEY");
    for (DeliveryRow row : rows) {
      out.printf("%-19s  %-32s  %-17s  %3d  %-40s  %s%n",
          row.lastEvent() == null ? "-" : TIME.format(row.lastEvent()),
          row.recipient() == null ? "(recipients unknown)" : row.recipient(),
          row.verdict(),
          row.attempts(),
          abbreviate(relayAndReply(row), 40),
          row.key());
      if (row.sender() != null || row.messageId() != null) {
        out.printf("    from <%s>  message-id %s%n", row.sender() == null ? "?" : row.sender(),
            row.messageId() == null ? "-" : row.messageId());
      }
      if (row.reply() != null && relayAndReply(row).length() > 40) {
        out.printf("    reply: %s%n", row.reply());
      }
      if (row.category() != null) {
        out.printf("    %s: %s%n", row.category(), row.hint());
      }
      if (showEvidence) {
        row.evidence().forEach(line -> out.printf("      %s:%d  %s%n", line.file(), line.line(), line.text()));
      }
    }
    if (evidence == Evidence.AUTO && !showEvidence) {
      out.printf("(%d rows: evidence lines hidden; add --evidence to show them)%n", rows.size());
    }
  }

  private static String relayAndReply(DeliveryRow row) {
    String relay = row.relay() == null ? "" : row.relay();
    String reply = row.replyCode() != null ? row.replyCode() + (row.dsn() == null ? "" : " " + row.dsn())
        : row.dsn() == null ? "" : row.dsn();
    return (relay + " " + reply).strip();
  }

  private static String abbreviate(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 3) + "...";
  }
}
