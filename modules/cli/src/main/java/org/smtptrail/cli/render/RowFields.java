package org.smtptrail.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.Evidence;
import org.smtptrail.engine.verdict.Hop;
import org.smtptrail.engine.verdict.HopLink;

/**
 * The fields of a row in their fixed output order, named as in DESIGN.md's JSON contract. JSON and CSV both use
 * this, so the two never disagree. {@code hops} (the servers a recipient's copy passed, in order) comes last. The
 * server answers with these fields, and {@link #row} reads them back, so {@code trace --server} prints what a local
 * {@code trace} prints.
 */
public final class RowFields {
  private RowFields() {}

  /** The fields of a row, in output order. */
  public static Map<String, Object> of(DeliveryRow row) {
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

  /** The row whose fields {@link #of} gave, read back from their JSON. */
  public static DeliveryRow row(JsonNode fields) {
    List<Evidence> evidence = new ArrayList<>();
    for (JsonNode line : fields.path("evidence")) {
      evidence.add(new Evidence(text(line, "file"), line.path("line").asLong(), text(line, "text")));
    }
    List<Hop> hops = new ArrayList<>();
    for (JsonNode hop : fields.path("hops")) {
      hops.add(new Hop(text(hop, "host"), text(hop, "format"), text(hop, "key"),
          Verdict.valueOf(hop.path("verdict").asText()), time(hop, "first_seen"), time(hop, "last_event"),
          text(hop, "relay"), text(hop, "reply"), link(text(hop, "link"))));
    }
    JsonNode code = fields.path("reply_code");
    return new DeliveryRow(text(fields, "recipient"), text(fields, "original_recipient"), text(fields, "sender"),
        text(fields, "message_id"), text(fields, "key"), Verdict.valueOf(fields.path("verdict").asText()),
        text(fields, "relay"), code.isNumber() ? code.asInt() : null, text(fields, "dsn"), text(fields, "reply"),
        text(fields, "remote_id"), fields.path("attempts").asInt(), time(fields, "first_seen"),
        time(fields, "last_event"), text(fields, "category"), text(fields, "hint"), text(fields, "format"),
        text(fields, "host"), text(fields, "client"), text(fields, "forwarded_as"), evidence, hops);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Instant time(JsonNode node, String field) {
    String value = text(node, field);
    return value == null ? null : Instant.parse(value);
  }

  private static HopLink link(String wireName) {
    for (HopLink link : HopLink.values()) {
      if (link.wireName().equals(wireName)) {
        return link;
      }
    }
    return null;
  }
}
