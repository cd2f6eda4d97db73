package org.smtptrail.cli.render;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.Hop;
import org.smtptrail.engine.verdict.HopLink;

/**
 * A block per row for people: the verdict line, where it went and what the server said, the diagnosis hint for
 * failures, the servers the copy passed through when there were several, and the evidence lines beneath (shown by default for up to {@value #EVIDENCE_ROWS} rows). Nothing is
 * cut: a support agent needs the whole reply text.
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
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(ZoneId.systemDefault());

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
    for (DeliveryRow row : rows) {
      out.printf("%-17s  %s  %s  (%d %s)  %s%n",
          row.verdict(),
          row.recipient() != null ? row.recipient()
              : row.verdict() == Verdict.UNKNOWN ? "(recipients not logged yet)" : "(no recipient logged)",
          row.lastEvent() == null ? "-" : TIME.format(row.lastEvent()),
          row.attempts(),
          row.attempts() == 1 ? "attempt" : "attempts",
          row.key());
      out.printf("    from <%s>  message-id %s%s%n", row.sender() == null ? "?" : row.sender(),
          row.messageId() == null ? "-" : row.messageId(),
          row.originalRecipient() == null ? "" : "  originally to <" + row.originalRecipient() + ">");
      if (row.relay() != null || row.reply() != null) {
        out.printf("    %s%s%n", row.relay() == null ? "" : row.relay() + ": ", row.reply() == null ? "" : row.reply());
      }
      if (row.category() != null) {
        out.printf("    %s: %s%n", row.category(), row.hint());
      } else if (row.hint() != null) {
        out.printf("    %s%n", row.hint());
      }
      if (row.hops().size() > 1) {
        printHops(row, out);
      }
      if (showEvidence) {
        row.evidence().forEach(line -> out.printf("      %s:%d  %s%n", line.file(), line.line(), line.text()));
      }
    }
    if (evidence == Evidence.AUTO && !showEvidence) {
      out.printf("(%d rows: evidence lines hidden; add --evidence to show them)%n", rows.size());
    }
  }

  /** The servers the copy passed through, one line each, in time order, with how each was tied to the one before. */
  private static void printHops(DeliveryRow row, PrintWriter out) {
    int number = 1;
    for (Hop hop : row.hops()) {
      out.printf("    hop %d  %-17s  %s  %s  %s%s%n", number++, hop.verdict(), hop.host(),
          hop.lastEvent() == null ? "-" : TIME.format(hop.lastEvent()), hop.key(),
          hop.link() == null ? "" : "  (" + LINKS.get(hop.link()) + ")");
    }
  }

  private static final java.util.Map<HopLink, String> LINKS = java.util.Map.of(
      HopLink.QUEUE_ID, "its queue id was in the previous hop's reply",
      HopLink.MESSAGE_ID, "same Message-ID");
}
