package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.store.RowFacts;

/**
 * Builds the row documents of a message ({@link RowFields}) from its {@link RowFacts}. A row's id is its message key
 * and its position among the message's rows: writing the rows again overwrites them, and a replacement deletes the
 * positions it no longer has ({@link BulkWriter}). Its index is the month of the message's first event, the same for
 * every row of a message.
 */
final class RowSources {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final IndexNames names;

  RowSources(IndexNames names) {
    this.names = names;
  }

  List<OpenSearchWrite.Document> documents(String key, List<RowFacts> rows) {
    List<OpenSearchWrite.Document> documents = new ArrayList<>(rows.size());
    for (int position = 0; position < rows.size(); position++) {
      RowFacts row = rows.get(position);
      Instant month = row.firstSeen() == Long.MIN_VALUE ? DocumentIds.NO_TIME : Instant.ofEpochMilli(row.firstSeen());
      documents.add(new OpenSearchWrite.Document(names.monthly(DocumentKind.ROWS, month),
          DocumentIds.row(key, position), source(row)));
    }
    return documents;
  }

  static ObjectNode source(RowFacts row) {
    ObjectNode doc = NODES.objectNode();
    // Long.MIN_VALUE is RowFacts' "no time": such a field is left out, so a range or a sort passes over it
    putTime(doc, RowFields.TIMESTAMP, row.lastEvent());
    putTime(doc, RowFields.FIRST_SEEN, row.firstSeen());
    putTime(doc, RowFields.MESSAGE_LAST_MIN, row.messageLastMin());
    doc.put(RowFields.KEY, row.key());
    Set<String> addresses = new TreeSet<>(row.addresses()); // sorted: the same row makes the same source
    if (!addresses.isEmpty()) {
      ArrayNode to = doc.putArray(RowFields.RECIPIENT);
      addresses.forEach(to::add);
      Set<String> domains = new LinkedHashSet<>();
      addresses.forEach(address -> domains.addAll(Domains.andParents(address)));
      ArrayNode domainTerms = doc.putArray(RowFields.RECIPIENT_DOMAIN);
      domains.forEach(domainTerms::add);
    }
    if (row.sender() != null) {
      doc.put(RowFields.SENDER, row.sender());
    }
    doc.put(RowFields.VERDICT, row.verdict().name());
    doc.put(RowFields.OUTCOME, outcome(row.verdict()));
    doc.put(RowFields.FORWARDED, row.forwarded());
    doc.put(RowFields.ATTEMPTS, row.attempts());
    doc.put(RowFields.DEFERRALS, row.deferrals());
    doc.put(RowFields.SIZE, row.size());
    doc.put(RowFields.RECEIVED, row.received());
    doc.put(RowFields.FLAGS, row.flags());
    doc.put(RowFields.GROUP_DOMAIN, row.groupDomain());
    doc.put(RowFields.GROUP_RELAY, row.groupRelay());
    doc.put(RowFields.GROUP_CATEGORY, row.groupCategory());
    doc.put(RowFields.GROUP_HOST, row.groupHost());
    if (row.groupHost() != null && !RowFacts.NONE.equals(row.groupHost())) {
      doc.put(RowFields.HOST, row.groupHost());
    }
    if (row.format() != null) {
      doc.put(RowFields.FORMAT, row.format());
    }
    return doc;
  }

  private static void putTime(ObjectNode doc, String field, long millis) {
    if (millis != Long.MIN_VALUE) {
      doc.put(field, millis);
    }
  }

  /** The verdict in ECS's {@code event.outcome} words. */
  static String outcome(Verdict verdict) {
    return switch (verdict) {
      case HANDED_OVER, DELIVERED_LOCALLY -> "success";
      case BOUNCED, EXPIRED, REJECTED, DISCARDED -> "failure";
      case DEFERRED, UNKNOWN -> "unknown";
    };
  }
}
