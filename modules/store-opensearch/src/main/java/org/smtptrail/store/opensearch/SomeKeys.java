package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.engine.store.AttemptWindow;

/**
 * The questions a journey asks about each row of a page ({@code someKeysWith...} of the store contract), many in one
 * search: a trace of thousands of rows asked them one search each, two or three per row, and the round trips, not
 * the cluster's work, were the time. Each search matches the documents of any question of its batch; the answer to
 * each question is then read from the hits' own fields (recipients, times, ids: the fields the query matched on), so
 * it is what a search of its own would have found, at most {@code maxEvents} documents each.
 */
final class SomeKeys {
  /**
   * Windows per search: each is a bool of two clauses, and a search may have 1 024 clauses in all (OpenSearch's
   * default {@code indices.query.bool.max_clause_count}).
   */
  private static final int WINDOWS_PER_SEARCH = 256;
  /** Ids per terms query: the key batches of {@code eventsByKey} are this size too. */
  private static final int IDS_PER_SEARCH = 1024;

  private final StoreRequests requests;
  private final String events;

  SomeKeys(StoreRequests requests, String events) {
    this.requests = requests;
    this.events = events;
  }

  Map<AttemptWindow, Set<String>> withAttempts(Collection<AttemptWindow> windows, int maxEvents) throws IOException {
    Map<AttemptWindow, Set<String>> keys = new LinkedHashMap<>();
    windows.forEach(window -> keys.put(window, new LinkedHashSet<>()));
    List<AttemptWindow> distinct = List.copyOf(keys.keySet());
    for (int from = 0; maxEvents > 0 && from < distinct.size(); from += WINDOWS_PER_SEARCH) {
      List<AttemptWindow> batch = distinct.subList(from, Math.min(distinct.size(), from + WINDOWS_PER_SEARCH));
      Map<String, List<AttemptWindow>> byRecipient = new HashMap<>();
      ObjectNode anyWindow = requests.object();
      ObjectNode bool = anyWindow.putObject("bool");
      ArrayNode should = bool.putArray("should");
      for (AttemptWindow window : batch) {
        byRecipient.computeIfAbsent(window.recipient(), r -> new ArrayList<>()).add(window);
        should.add(RowQueries.allOf(RowQueries.term(EventFields.RECIPIENT, window.recipient()),
            RowQueries.between(EventFields.TIMES, window.fromMillis(), window.toMillis())));
      }
      bool.put("minimum_should_match", 1);
      ObjectNode query = RowQueries.allOf(
          RowQueries.term(EventFields.KIND, DeliveryAttempt.class.getSimpleName()), anyWindow);
      Map<AttemptWindow, Integer> documents = new HashMap<>();
      each(query, List.of(EventFields.RECIPIENT, EventFields.TIMES), (key, source) -> {
        List<Long> times = new ArrayList<>();
        source.path(EventFields.TIMES).forEach(time -> times.add(time.asLong()));
        for (String recipient : values(source.path(EventFields.RECIPIENT))) {
          for (AttemptWindow window : byRecipient.getOrDefault(recipient, List.of())) {
            if (times.stream().anyMatch(t -> t >= window.fromMillis() && t <= window.toMillis())
                && documents.merge(window, 1, Integer::sum) <= maxEvents && key != null) {
              keys.get(window).add(key);
            }
          }
        }
      });
    }
    return keys;
  }

  /** For each value of {@code field} (a keyword of the event documents), the keys of some documents with it. */
  Map<String, Set<String>> withTerm(String field, Collection<String> values, int maxEvents) throws IOException {
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    values.forEach(value -> keys.put(value, new LinkedHashSet<>()));
    List<String> distinct = List.copyOf(keys.keySet());
    for (int from = 0; maxEvents > 0 && from < distinct.size(); from += IDS_PER_SEARCH) {
      List<String> batch = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_SEARCH));
      Set<String> asked = new HashSet<>(batch);
      Map<String, Integer> documents = new HashMap<>();
      each(RowQueries.terms(field, batch), List.of(field), (key, source) -> {
        for (String value : values(source.path(field))) {
          if (asked.contains(value) && documents.merge(value, 1, Integer::sum) <= maxEvents && key != null) {
            keys.get(value).add(key);
          }
        }
      });
    }
    return keys;
  }

  private interface HitReader {
    void read(String key, JsonNode source);
  }

  /** Every event document matching {@code query}, with its key (null: none) and the fields it is asked by. */
  private void each(ObjectNode query, List<String> fields, HitReader reader) throws IOException {
    ObjectNode body = requests.object();
    body.set("query", query);
    body.putArray("sort").add("_doc");
    ArrayNode includes = body.putObject("_source").putArray("includes").add(EventFields.KEY);
    fields.forEach(includes::add);
    Scroll.each(requests, events, body, hit -> {
      JsonNode source = hit.path("_source");
      reader.read(OpenSearchReader.text(source, EventFields.KEY), source);
      return true;
    });
  }

  /** The values of a keyword field in a source: an array as written, or one value. */
  private static List<String> values(JsonNode field) {
    List<String> values = new ArrayList<>();
    if (field.isArray()) {
      field.forEach(value -> values.add(value.asText()));
    } else if (!field.isMissingNode() && !field.isNull()) {
      values.add(field.asText());
    }
    return values;
  }
}
