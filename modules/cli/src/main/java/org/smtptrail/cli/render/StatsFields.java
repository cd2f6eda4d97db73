package org.smtptrail.cli.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smtptrail.engine.query.StatsCounts;
import org.smtptrail.engine.query.StatsReport;

/**
 * The fields of one stats line (the totals, or one group) in their fixed output order. JSON and CSV both use this,
 * so the two never disagree; {@code by} is "total" for the totals line, whose {@code key} is null.
 */
final class StatsFields {
  static final String TOTAL = "total";

  private StatsFields() {}

  /** The totals line first, then one line per group. */
  static List<Map<String, Object>> lines(StatsReport report) {
    List<Map<String, Object>> lines = new java.util.ArrayList<>();
    lines.add(of(TOTAL, null, report.totals()));
    for (StatsReport.Group group : report.groups()) {
      lines.add(of(report.by().name(), group.key(), group.counts()));
    }
    return lines;
  }

  static Map<String, Object> of(String by, String key, StatsCounts counts) {
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
    fields.put("unknown", counts.unknown());
    fields.put("bytes_received", counts.bytesReceived());
    fields.put("bytes_delivered", counts.bytesDelivered());
    return fields;
  }
}
