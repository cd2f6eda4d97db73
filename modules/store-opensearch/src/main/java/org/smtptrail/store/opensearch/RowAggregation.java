package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.store.RowFacts;
import org.smtptrail.engine.store.RowFilter;
import org.smtptrail.engine.store.RowGroup;
import org.smtptrail.engine.store.RowSums;

/**
 * {@link org.smtptrail.engine.store.StoreReader#sumRows} as a composite aggregation over the row documents: one
 * bucket per (group, verdict, flags) with its sums, a page of buckets per round trip. Stats over millions of rows
 * thus cost the cluster's pass over its doc values, not millions of rows in JSON (a scroll of 3 M rows took
 * minutes: benchmarks/RESULTS.md). The rows that are counted from their events are few, and only their keys are read.
 */
final class RowAggregation {
  private static final int BUCKETS_PER_PAGE = 1000;

  private final StoreRequests requests;
  private final String rows;

  RowAggregation(StoreRequests requests, String rows) {
    this.requests = requests;
    this.rows = rows;
  }

  void sumRows(RowFilter filter, RowGroup group, IntPredicate byKey, Consumer<RowSums> sums, Consumer<String> keys)
      throws IOException {
    if (filter.keys() != null && filter.keys().isEmpty()) {
      return;
    }
    ObjectNode matching = RowQueries.of(filter);
    ObjectNode cut = filter.since() == null ? null : cutBySince(filter.since().toEpochMilli());
    ObjectNode summed = matching;
    if (cut != null) {
      summed = requests.object();
      ObjectNode bool = summed.putObject("bool");
      bool.putArray("filter").add(matching);
      bool.putArray("must_not").add(cut);
    }
    List<Integer> byKeyFlags = new ArrayList<>();
    String groupField = RowQueries.groupField(group);
    JsonNode after = null;
    do {
      JsonNode answer = requests.postOrNull("/" + rows + "/_search", Map.of(), page(summed, groupField, after));
      if (answer == null) {
        return; // no row index yet
      }
      JsonNode kinds = answer.path("aggregations").path("kinds");
      for (JsonNode bucket : kinds.path("buckets")) {
        JsonNode key = bucket.path("key");
        int flags = key.path("flags").asInt(0);
        if (byKey.test(flags)) {
          byKeyFlags.add(flags);
          continue;
        }
        sums.accept(new RowSums(groupField == null || key.path("group").isNull() ? RowFacts.NONE
            : key.path("group").asText(), verdict(key.path("verdict")), flags, bucket.path("doc_count").asLong(),
            sum(bucket.path("deferrals")), sum(bucket.path("received")), sum(bucket.path("sized").path("size")),
            sum(bucket.path("received_sized").path("size"))));
      }
      after = kinds.path("buckets").isEmpty() ? null : kinds.get("after_key");
    } while (after != null);
    if (!byKeyFlags.isEmpty()) {
      ObjectNode flagged = requests.object();
      flagged.putObject("bool").putArray("filter").add(matching)
          .add(RowQueries.terms(RowFields.FLAGS, byKeyFlags.stream().map(String::valueOf).toList()));
      eachKey(flagged, keys);
    }
    if (cut != null) {
      eachKey(RowQueries.allOf(matching, cut), keys);
    }
  }

  /** A message whose earliest last event is before {@code since}, or has none (the local store's smallest number). */
  private ObjectNode cutBySince(long since) {
    ObjectNode cut = requests.object();
    ObjectNode bool = cut.putObject("bool");
    ObjectNode none = requests.object();
    none.putObject("bool").putArray("must_not").addObject().putObject("exists")
        .put("field", RowFields.MESSAGE_LAST_MIN);
    bool.putArray("should").add(RowQueries.range(RowFields.MESSAGE_LAST_MIN, "lt", since)).add(none);
    bool.put("minimum_should_match", 1);
    return cut;
  }

  private ObjectNode page(ObjectNode query, String groupField, JsonNode after) {
    ObjectNode body = requests.object().put("size", 0).put("track_total_hits", false);
    body.set("query", query);
    ObjectNode kinds = body.putObject("aggs").putObject("kinds");
    ObjectNode composite = kinds.putObject("composite").put("size", BUCKETS_PER_PAGE);
    ArrayNode sources = composite.putArray("sources");
    if (groupField != null) {
      source(sources, "group", groupField);
    }
    source(sources, "verdict", RowFields.VERDICT);
    source(sources, "flags", RowFields.FLAGS);
    if (after != null) {
      composite.set("after", after);
    }
    ObjectNode sub = kinds.putObject("aggs");
    sub.putObject("deferrals").putObject("sum").put("field", RowFields.DEFERRALS);
    sub.putObject("received").putObject("sum").put("field", RowFields.RECEIVED);
    ObjectNode sized = sub.putObject("sized");
    sized.set("filter", positive(RowFields.SIZE));
    sized.putObject("aggs").putObject("size").putObject("sum").put("field", RowFields.SIZE);
    ObjectNode receivedSized = sub.putObject("received_sized");
    receivedSized.set("filter", RowQueries.allOf(positive(RowFields.SIZE), positive(RowFields.RECEIVED)));
    receivedSized.putObject("aggs").putObject("size").putObject("sum").put("field", RowFields.SIZE);
    return body;
  }

  /** A whole number above 0 (no format: a numeric field refuses one). */
  private static ObjectNode positive(String field) {
    return RowQueries.between(field, 1, Long.MAX_VALUE);
  }

  private static void source(ArrayNode sources, String name, String field) {
    sources.addObject().putObject(name).putObject("terms").put("field", field).put("missing_bucket", true);
  }

  /** As {@link SourceRow#verdict()}: absent or of a newer version, undecided. */
  private static Verdict verdict(JsonNode name) {
    try {
      return name.isNull() || name.isMissingNode() ? Verdict.UNKNOWN : Verdict.valueOf(name.asText());
    } catch (IllegalArgumentException newer) {
      return Verdict.UNKNOWN;
    }
  }

  /** A sum aggregation's value: a double in JSON, exact for sums below 2^53. */
  private static long sum(JsonNode aggregation) {
    return Math.round(aggregation.path("value").asDouble(0));
  }

  private void eachKey(ObjectNode query, Consumer<String> keys) throws IOException {
    ObjectNode body = requests.object();
    body.set("query", query);
    body.putArray("sort").add("_doc");
    body.putObject("_source").putArray("includes").add(RowFields.KEY);
    Scroll.each(requests, rows, body, hit -> {
      String key = OpenSearchReader.text(hit.path("_source"), RowFields.KEY);
      if (key != null) {
        keys.accept(key);
      }
      return true;
    });
  }
}
