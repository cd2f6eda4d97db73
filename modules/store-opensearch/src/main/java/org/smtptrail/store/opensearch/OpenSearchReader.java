package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Probed;
import org.smtptrail.engine.store.AttemptWindow;
import org.smtptrail.engine.store.EventCodec;
import org.smtptrail.engine.store.RowFacts;
import org.smtptrail.engine.store.RowFilter;
import org.smtptrail.engine.store.RowGroup;
import org.smtptrail.engine.store.RowSums;
import org.smtptrail.engine.store.WrittenSoFar;

/**
 * The reading side of the OpenSearch store: every question of {@link org.smtptrail.engine.store.StoreReader} as term,
 * terms, range and wildcard queries on the read aliases, over what the cluster has made searchable (its last
 * refresh: a writer refreshes at each commit). As a writer's {@link WrittenSoFar} it also tells whether a message has
 * events ({@link KnownKeys}).
 */
final class OpenSearchReader implements WrittenSoFar {
  /** Keys per terms query of {@link #eventsByKey}: the caller's batches are this size too. */
  private static final int KEYS_PER_SEARCH = 256;

  private final StoreConnection connection;
  private final boolean ownsConnection;
  private final KnownKeys known;
  private final StoreRequests requests;
  private final String events;
  private final String rows;
  private final SomeKeys someKeys;
  private final RowAggregation aggregation;

  OpenSearchReader(StoreConnection connection, boolean ownsConnection, KnownKeys known) {
    this(connection, connection.requests(), ownsConnection, known);
  }

  /** A reader whose searches are {@code requests}: the connection's, or those of a request's time budget. */
  OpenSearchReader(StoreConnection connection, StoreRequests requests, boolean ownsConnection, KnownKeys known) {
    this.connection = connection;
    this.ownsConnection = ownsConnection;
    this.known = known;
    this.requests = requests;
    this.events = connection.names().readAlias(DocumentKind.EVENTS);
    this.rows = connection.names().readAlias(DocumentKind.ROWS);
    this.someKeys = new SomeKeys(requests, events);
    this.aggregation = new RowAggregation(requests, rows);
  }

  /** Whether a message has events in the store, cheaper than a search where the answer is known without one. */
  interface KnownKeys {
    /** True or false when known without asking the cluster, null otherwise. */
    Boolean hasMessage(String key);
  }

  @Override
  public int eventCount() throws IOException {
    ObjectNode body = requests.object().put("size", 0).put("track_total_hits", false);
    body.putObject("aggs").putObject("events").putObject("sum").put("field", EventFields.EVENT_COUNT);
    JsonNode answer = requests.postOrNull("/" + events + "/_search", Map.of(), body);
    return answer == null ? 0 : Math.toIntExact(answer.path("aggregations").path("events").path("value").asLong());
  }

  @Override
  public boolean needsUpgrade() throws IOException {
    return anyEvent() && !RowFacts.RULES_VERSION.equals(new StoreState(connection).rowsVersion());
  }

  private boolean anyEvent() throws IOException {
    return count(events, requests.object().set("match_all", requests.object())) > 0;
  }

  /** Whether at least one document of {@code index} matches (stops at the first). */
  private long count(String index, JsonNode query) throws IOException {
    ObjectNode body = requests.object().put("size", 0).put("track_total_hits", true);
    body.set("query", query);
    JsonNode answer = requests.postOrNull("/" + index + "/_search", Map.of("terminate_after", "1"), body);
    return answer == null ? 0 : answer.path("hits").path("total").path("value").asLong();
  }

  @Override
  public boolean hasMessage(String key) throws IOException {
    Boolean answer = known == null ? null : known.hasMessage(key);
    return answer != null ? answer : count(events, RowQueries.term(EventFields.KEY, key)) > 0;
  }

  /** Newest row first (a row without a last event last), then by key: the same order for every run. */
  @Override
  public void visitRowKeys(RowFilter filter, Predicate<String> visitor) throws IOException {
    if (filter.keys() != null && filter.keys().isEmpty()) {
      return;
    }
    ObjectNode body = newestFirst(RowQueries.of(filter), RowFields.TIMESTAMP, RowFields.KEY);
    body.putObject("_source").putArray("includes").add(RowFields.KEY);
    visitDistinctKeys(rows, body, RowFields.KEY, visitor);
  }

  private ObjectNode newestFirst(ObjectNode query, String timeField, String keyField) {
    ObjectNode body = requests.object();
    body.set("query", query);
    ArrayNode sort = body.putArray("sort");
    sort.addObject().putObject(timeField).put("order", "desc").put("missing", "_last");
    sort.addObject().putObject(keyField).put("order", "asc").put("missing", "_last");
    return body;
  }

  private void visitDistinctKeys(String index, ObjectNode body, String keyField, Predicate<String> visitor)
      throws IOException {
    Set<String> seen = new HashSet<>();
    Scroll.each(requests, index, body, hit -> {
      String key = text(hit.path("_source"), keyField);
      return key == null || !seen.add(key) || visitor.test(key);
    });
  }

  @Override
  public void scanRows(RowFilter filter, RowGroup group, RowVisitor visitor) throws IOException {
    if (filter.keys() != null && filter.keys().isEmpty()) {
      return;
    }
    ObjectNode body = requests.object();
    body.set("query", RowQueries.of(filter));
    body.putArray("sort").add("_doc"); // no order asked: the cheapest a scroll has
    String groupField = RowQueries.groupField(group);
    ArrayNode includes = body.putObject("_source").putArray("includes");
    for (String field : SourceRow.FIELDS) {
      includes.add(field);
    }
    if (groupField != null) {
      includes.add(groupField);
    }
    SourceRow row = new SourceRow(groupField);
    Scroll.each(requests, rows, body, hit -> {
      row.moveTo(hit.path("_source"));
      visitor.visit(row);
      return true;
    });
  }

  @Override
  public void sumRows(RowFilter filter, RowGroup group, IntPredicate byKey, Consumer<RowSums> sums,
      Consumer<String> keys) throws IOException {
    aggregation.sumRows(filter, group, byKey, sums, keys);
  }

  @Override
  public Map<String, List<LogEvent>> eventsByKey(Collection<String> keys) throws IOException {
    Map<String, List<LogEvent>> byKey = new LinkedHashMap<>();
    keys.forEach(key -> byKey.put(key, new ArrayList<>()));
    List<String> distinct = List.copyOf(byKey.keySet());
    for (int from = 0; from < distinct.size(); from += KEYS_PER_SEARCH) {
      ObjectNode body = requests.object();
      body.set("query", RowQueries.terms(EventFields.KEY,
          distinct.subList(from, Math.min(distinct.size(), from + KEYS_PER_SEARCH))));
      body.putArray("sort").add("_doc");
      body.putObject("_source").putArray("includes").add(EventFields.KEY).add(EventFields.EVENT);
      Scroll.each(requests, events, body, hit -> {
        JsonNode source = hit.path("_source");
        byKey.get(text(source, EventFields.KEY)).addAll(eventsIn(source));
        return true;
      });
    }
    return byKey;
  }

  /** The events a document holds, decoded from their bytes (base64 in the source). */
  static List<LogEvent> eventsIn(JsonNode source) throws IOException {
    JsonNode stored = source.path(EventFields.EVENT);
    List<LogEvent> decoded = new ArrayList<>(stored.size());
    for (JsonNode event : stored.isArray() ? stored : List.of(stored)) {
      byte[] bytes = event.binaryValue();
      decoded.add(EventCodec.decode(bytes, 0, bytes.length));
    }
    return decoded;
  }

  /**
   * One message at a time, in the order of their keys: the event documents sorted by key, a message handed over when
   * the next key begins.
   */
  @Override
  public void forEachMessage(BiConsumer<String, List<LogEvent>> visitor) throws IOException {
    ObjectNode body = requests.object();
    body.putObject("query").putObject("exists").put("field", EventFields.KEY);
    body.putArray("sort").addObject().putObject(EventFields.KEY).put("order", "asc");
    body.putObject("_source").putArray("includes").add(EventFields.KEY).add(EventFields.EVENT);
    String[] current = {null};
    List<LogEvent> message = new ArrayList<>();
    Scroll.each(requests, events, body, hit -> {
      JsonNode source = hit.path("_source");
      String key = text(source, EventFields.KEY);
      if (current[0] != null && !current[0].equals(key)) {
        visitor.accept(current[0], new ArrayList<>(message));
        message.clear();
      }
      current[0] = key;
      message.addAll(eventsIn(source));
      return true;
    });
    if (current[0] != null && !message.isEmpty()) {
      visitor.accept(current[0], message);
    }
  }

  @Override
  public Set<String> keysWithId(String id) throws IOException {
    ObjectNode query = requests.object();
    ObjectNode bool = query.putObject("bool");
    bool.putArray("should").add(RowQueries.term(EventFields.KEY, id.strip()))
        .add(RowQueries.term(EventFields.LOCAL_ID, id.strip().toLowerCase(Locale.ROOT)));
    bool.put("minimum_should_match", 1);
    return keysOf(query);
  }

  @Override
  public Set<String> keysWithMessageId(String normalizedMessageId) throws IOException {
    return keysOf(RowQueries.term(EventFields.MESSAGE_ID, normalizedMessageId));
  }

  @Override
  public Set<String> keysWithProbes(Instant since, Instant until) throws IOException {
    ObjectNode probes = RowQueries.term(EventFields.KIND, Probed.class.getSimpleName());
    if (since == null && until == null) {
      return keysOf(probes);
    }
    return keysOf(RowQueries.allOf(probes, RowQueries.between(EventFields.TIMES,
        since == null ? Long.MIN_VALUE : since.toEpochMilli(), until == null ? Long.MAX_VALUE : until.toEpochMilli())));
  }

  @Override
  public List<String> keysWithLocalId(String host, String localId) throws IOException {
    List<String> keys = new ArrayList<>();
    if (host == null || localId == null) {
      return keys;
    }
    ObjectNode body = newestFirst(RowQueries.allOf(
        RowQueries.term(EventFields.LOCAL_ID, localId.toLowerCase(Locale.ROOT)),
        RowQueries.term(EventFields.HOST, host.toLowerCase(Locale.ROOT))), EventFields.TIMESTAMP, EventFields.KEY);
    body.putObject("_source").putArray("includes").add(EventFields.KEY);
    visitDistinctKeys(events, body, EventFields.KEY, keys::add);
    return keys;
  }

  @Override
  public Map<AttemptWindow, Set<String>> someKeysWithAttempts(Collection<AttemptWindow> windows, int maxEvents)
      throws IOException {
    return someKeys.withAttempts(windows, maxEvents);
  }

  @Override
  public List<String> addressesStartingWith(String prefix, int max) throws IOException {
    return AddressSuggestions.startingWith(requests, rows, prefix, max);
  }

  @Override
  public Map<String, Set<String>> someKeysWithLocalIds(Collection<String> localIds, int maxEvents)
      throws IOException {
    return someKeys.withTerm(EventFields.LOCAL_ID, localIds, maxEvents);
  }

  @Override
  public Map<String, Set<String>> someKeysWithMessageIds(Collection<String> messageIds, int maxEvents)
      throws IOException {
    return someKeys.withTerm(EventFields.MESSAGE_ID, messageIds, maxEvents);
  }

  /** The distinct keys of every event document matching {@code query}. */
  private Set<String> keysOf(ObjectNode query) throws IOException {
    Set<String> keys = new HashSet<>();
    ObjectNode body = requests.object();
    body.set("query", query);
    body.putArray("sort").add("_doc");
    body.putObject("_source").putArray("includes").add(EventFields.KEY);
    Scroll.each(requests, events, body, hit -> {
      addKey(keys, hit);
      return true;
    });
    return keys;
  }

  private static void addKey(Set<String> keys, JsonNode hit) {
    String key = text(hit.path("_source"), EventFields.KEY);
    if (key != null) {
      keys.add(key);
    }
  }

  /** A field of a source as written (dotted names are keys of the source, as the store writes them). */
  static String text(JsonNode source, String field) {
    JsonNode value = source.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  @Override
  public void close() throws IOException {
    if (ownsConnection) {
      connection.close();
    }
  }
}
