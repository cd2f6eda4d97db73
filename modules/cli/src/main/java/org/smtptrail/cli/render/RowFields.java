package org.smtptrail.cli.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smtptrail.engine.query.DeliveryRow;
import org.smtptrail.engine.query.Evidence;
import org.smtptrail.engine.query.Hop;

/**
 * The fields of a row in their fixed output order, named as in DESIGN.md's JSON contract. JSON and CSV both use
 * this, so the two never disagree. {@code hops} (the servers a recipient's copy passed, in order) comes last.
 */
final class RowFields {
  private RowFields() {}

  static Map<String, Object> of(DeliveryRow row) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("recipient", row.recipient());
    fields.put("original_recipient", row.originalRecipient());
    fields.put("sender", row.sender());
    fields.put("message_id", row.messageId());
    fields.put("key", row.key());
    fields.put("verdict", row.verdict().name());
    fields.put("relay", row.relay());
    fields.put("reply_code", row.replyCode());
    fields.put("dsn", row.dsn());
    fields.put("reply", row.reply());
    fields.put("remote_id", row.remoteId());
    fields.put("attempts", row.attempts());
    fields.put("first_seen", row.firstSeen() == null ? null : row.firstSeen().toString());
    fields.put("last_event", row.lastEvent() == null ? null : row.lastEvent().toString());
    fields.put("category", row.category());
    fields.put("hint", row.hint());
    fields.put("format", row.format());
    fields.put("host", row.host());
    fields.put("client", row.client());
    fields.put("forwarded_as", row.forwardedAs());
    List<Map<String, Object>> evidence = new ArrayList<>();
    for (Evidence line : row.evidence()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("file", line.file());
      item.put("line", line.line());
      item.put("text", line.text());
      evidence.add(item);
    }
    fields.put("evidence", evidence);
    List<Map<String, Object>> hops = new ArrayList<>();
    for (Hop hop : row.hops()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("host", hop.host());
      item.put("format", hop.format());
      item.put("key", hop.key());
      item.put("verdict", hop.verdict().name());
      item.put("first_seen", hop.firstSeen() == null ? null : hop.firstSeen().toString());
      item.put("last_event", hop.lastEvent() == null ? null : hop.lastEvent().toString());
      item.put("relay", hop.relay());
      item.put("reply", hop.reply());
      item.put("link", hop.link() == null ? null : hop.link().wireName());
      hops.add(item);
    }
    fields.put("hops", hops);
    return fields;
  }

  /** The hops in one line for CSV: "host key VERDICT" per server, in order, joined by " > ". */
  static String hopsLine(DeliveryRow row) {
    List<String> hops = new ArrayList<>();
    row.hops().forEach(hop -> hops.add(hop.host() + " " + hop.key() + " " + hop.verdict().name()));
    return String.join(" > ", hops);
  }
}
