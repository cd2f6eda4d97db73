package org.smtptrail.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smtptrail.engine.query.StatsCounts;
import org.smtptrail.engine.query.StatsReport;
import org.smtptrail.engine.verdict.StatsGroup;

/**
 * The fields of one stats line (the totals, or one group) in their fixed output order. JSON and CSV both use this,
 * so the two never disagree; {@code by} is "total" for the totals line, whose {@code key} is null. The server answers
 * with these lines, and {@link #report} reads them back.
 */
public final class StatsFields {
  static final String TOTAL = "total";

  private StatsFields() {}

  /** The totals line first, then one line per group. */
  public static List<Map<String, Object>> lines(StatsReport report) {
    List<Map<String, Object>> lines = new ArrayList<>();
    lines.add(of(TOTAL, null, report.totals(), report.probes()));
    for (StatsReport.Group group : report.groups()) {
      lines.add(of(report.by().name(), group.key(), group.counts(), null));
    }
    return lines;
  }

  /** @param probes the probes of the totals line; null on a group's line, as probes are in no group */
  static Map<String, Object> of(String by, String key, StatsCounts counts, Long probes) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("by", by);
    fields.put("key", key);
    fields.put("messages", counts.messages());
    fields.put("rows", counts.rows());
    fields.put("received", counts.received());
    fields.put("delivered", counts.delivered());
    fields.put("handed_over", counts.handedOver());
    fields.put("delivered_locally", counts.deliveredLocally());
    fields.put("forwarded", counts.forwarded());
    fields.put("deferred", counts.deferred());
    fields.put("messages_deferred", counts.messagesDeferred());
    fields.put("deferrals", counts.deferrals());
    fields.put("bounced", counts.bounced());
    fields.put("expired", counts.expired());
    fields.put("rejected", counts.rejected());
    fields.put("discarded", counts.discarded());
    fields.put("unknown", counts.unknown());
    fields.put("bytes_received", counts.bytesReceived());
    fields.put("bytes_delivered", counts.bytesDelivered());
    fields.put("probes", probes);
    return fields;
  }

  /**
   * The report whose lines {@link #lines} gave, read back from their JSON (the totals line first).
   *
   * @param by what the groups are, or null (named apart: a breakdown with no group has no line that says it)
   */
  public static StatsReport report(StatsGroup by, List<JsonNode> lines) {
    if (lines.isEmpty() || !TOTAL.equals(lines.get(0).path("by").asText())) {
      throw new IllegalArgumentException("stats lines must start with the totals line");
    }
    List<StatsReport.Group> groups = new ArrayList<>();
    for (JsonNode line : lines.subList(1, lines.size())) {
      groups.add(new StatsReport.Group(line.path("key").asText(), counts(line)));
    }
    return new StatsReport(counts(lines.get(0)), by, List.copyOf(groups), lines.get(0).path("probes").asLong());
  }

  private static StatsCounts counts(JsonNode line) {
    return new StatsCounts(line.path("messages").asLong(), line.path("rows").asLong(),
        line.path("received").asLong(), line.path("handed_over").asLong(), line.path("delivered_locally").asLong(),
        line.path("forwarded").asLong(), line.path("deferred").asLong(), line.path("messages_deferred").asLong(),
        line.path("deferrals").asLong(), line.path("bounced").asLong(), line.path("expired").asLong(),
        line.path("rejected").asLong(), line.path("discarded").asLong(), line.path("unknown").asLong(),
        line.path("bytes_received").asLong(), line.path("bytes_delivered").asLong());
  }
}
