package org.smtptrail.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.smtptrail.engine.query.StatsCounts;
import org.smtptrail.engine.query.StatsReport;

/**
 * Prints a {@link StatsReport}: for people, the totals with pflogsumm's name beside each figure that counts the same
 * thing, then a table per group; for programs, JSON Lines or CSV with one line for the totals and one per group.
 */
public final class StatsRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The group table's columns, named by their fields. */
  private static final List<String> COLUMNS = List.of("messages", "rows", "delivered", "forwarded", "deferred",
      "deferrals", "bounced", "expired", "rejected", "discarded", "unknown");

  private final OutputFormat format;

  public StatsRenderer(OutputFormat format) {
    this.format = format;
  }

  public void render(StatsReport report, PrintWriter out) {
    List<Map<String, Object>> lines = StatsFields.lines(report);
    switch (format) {
      case json -> lines.forEach(line -> out.println(json(line)));
      case csv -> CsvRecords.write(lines.get(0).keySet(), lines, out);
      case table -> table(report, out);
    }
  }

  private static String json(Map<String, Object> line) {
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write stats as JSON", e);
    }
  }

  private static void table(StatsReport report, PrintWriter out) {
    StatsCounts t = report.totals();
    out.println("Totals (a row is one message and recipient; [pflogsumm's name] where it counts the same)");
    total(out, "messages", t.messages(), "", "");
    total(out, "rows", t.rows(), "", "");
    total(out, "received", t.received(), "received", "");
    total(out, "delivered", t.delivered(), "delivered",
        "handed over " + t.handedOver() + ", delivered locally " + t.deliveredLocally());
    total(out, "forwarded", t.forwarded(), "forwarded", "");
    total(out, "deferred", t.deferred(), "", "rows still waiting for a retry");
    total(out, "messages deferred", t.messagesDeferred(), "deferred", "messages with a temporary failure, any fate");
    total(out, "deferrals", t.deferrals(), "deferrals", "temporarily failed attempts");
    total(out, "bounced", t.bounced(), "bounced", "");
    total(out, "expired", t.expired(), "", "");
    total(out, "rejected", t.rejected(), "rejected", "");
    total(out, "discarded", t.discarded(), "", "thrown away on purpose (pflogsumm: discard(8) is \"delivered\")");
    total(out, "unknown", t.unknown(), "", "");
    total(out, "bytes received", t.bytesReceived(), "bytes received", "");
    total(out, "bytes delivered", t.bytesDelivered(), "bytes delivered", "");
    total(out, "probes", report.probes(), "", "address-verification probes: not deliveries, not rows");
    if (report.by() != null) {
      out.println();
      groups(report, out);
    }
  }

  private static void total(PrintWriter out, String name, long value, String pflogsumm, String note) {
    String bracket = pflogsumm.isEmpty() ? "" : "[" + pflogsumm + "]";
    out.println(("  %-18s %10d  %-18s %s").formatted(name, value, bracket, note).stripTrailing());
  }

  private static void groups(StatsReport report, PrintWriter out) {
    List<Map<String, Object>> lines = StatsFields.lines(report).subList(1, report.groups().size() + 1);
    int keyWidth = report.by().name().length();
    for (StatsReport.Group group : report.groups()) {
      keyWidth = Math.max(keyWidth, group.key().length());
    }
    StringBuilder heading = new StringBuilder("  ").append(pad(report.by().name(), keyWidth));
    List<Integer> widths = new ArrayList<>();
    for (String column : COLUMNS) {
      widths.add(Math.max(column.length(), 6));
      heading.append("  ").append(leftPad(column, widths.get(widths.size() - 1)));
    }
    out.println(heading);
    if (lines.isEmpty()) {
      out.println("  (no rows)");
    }
    for (Map<String, Object> line : lines) {
      StringBuilder text = new StringBuilder("  ").append(pad((String) line.get("key"), keyWidth));
      for (int i = 0; i < COLUMNS.size(); i++) {
        text.append("  ").append(leftPad(String.valueOf(line.get(COLUMNS.get(i))), widths.get(i)));
      }
      out.println(text);
    }
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  private static String leftPad(String text, int width) {
    return " ".repeat(Math.max(0, width - text.length())) + text;
  }
}
