package org.smtptrail.engine.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.journey.HopCandidates;
import org.smtptrail.engine.journey.Journeys;
import org.smtptrail.engine.store.AddressPattern;
import org.smtptrail.engine.store.RowFilter;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.VerdictEngine;

/**
 * Answers a {@link TraceQuery}. The stored rows matching every filter give the candidate messages, newest first (user
 * text becomes exact terms, never query syntax; an index without stored rows is refused where it is opened, see
 * {@link StoreReader#needsUpgrade()}); each candidate's events are loaded whole, its rows computed by the
 * {@link VerdictEngine}, and every filter is then applied to the rows, because a filter like {@code --from} is a
 * property of the message while {@code --to} picks recipients, and a forward or a journey joins other messages.
 */
public final class TraceSearcher {
  private static final int KEYS_PER_BATCH = 256;
  /** Newest last event first; rows of the same moment by key and recipient, so every run lists them alike. */
  private static final Comparator<DeliveryRow> NEWEST_FIRST =
      Comparator.comparing(DeliveryRow::lastEvent, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(DeliveryRow::key)
          .thenComparing(DeliveryRow::recipient, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final StoreReader store;

  public TraceSearcher(StoreReader store) {
    this.store = store;
  }

  /**
   * The rows matching the query, newest last event first: after the first {@code query.offset()}, at most
   * {@code query.limit()} (0: all). Pages are computed afresh on each call, so mail indexed in between shifts them.
   */
  public List<DeliveryRow> trace(TraceQuery query) throws IOException {
    Map<String, DeliveryRow> rows = new LinkedHashMap<>();
    try {
      if (!traceOneAddress(query, rows)) {
        streamRows(query, visitor -> store.visitRowKeys(rowCandidates(query), visitor), rows);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    List<DeliveryRow> sorted = new ArrayList<>(rows.values());
    sorted.sort(NEWEST_FIRST);
    int from = Math.min(query.offset(), sorted.size());
    int to = query.limit() == 0 ? sorted.size() : Math.min(sorted.size(), from + query.limit());
    return sorted.subList(from, to);
  }

  /** Visits candidate message keys, newest first, until the visitor returns false. */
  @FunctionalInterface
  private interface KeySource {
    void visit(Predicate<String> visitor) throws IOException;
  }

  /**
   * Reads the candidates a batch at a time, each row's journey searched in the index, until the page is full (the
   * candidates come newest first, so a page needs about its own size of them). The journeys' first questions about a
   * batch's rows are asked at once, and the messages they name read at once: over a remote store, a search per row
   * was most of a long trace's time.
   */
  private void streamRows(TraceQuery query, KeySource keys, Map<String, DeliveryRow> rows) throws IOException {
    List<String> batch = new ArrayList<>();
    HopCandidates.AskedAhead candidates = new HopCandidates.AskedAhead(store);
    Map<String, List<LogEvent>> known = new HashMap<>(); // the batch's messages and those its questions named
    Journeys journeys = new Journeys(candidates,
        key -> known.containsKey(key) ? stop(key, known.get(key)) : stop(key));
    keys.visit(key -> {
      batch.add(key);
      if (batch.size() == KEYS_PER_BATCH) {
        addBatch(batch, query, candidates, known, journeys, rows);
        batch.clear();
      }
      return query.limit() == 0 || rows.size() < query.offset() + query.limit();
    });
    addBatch(batch, query, candidates, known, journeys, rows);
  }

  private void addBatch(List<String> batch, TraceQuery query, HopCandidates.AskedAhead candidates,
      Map<String, List<LogEvent>> known, Journeys journeys, Map<String, DeliveryRow> rows) {
    Map<String, List<LogEvent>> messages = eventsByKey(batch);
    known.clear();
    known.putAll(messages);
    List<DeliveryRow> toFollow = rowsToFollow(messages, query);
    Set<String> named = candidates.askAhead(Journeys.firstQuestions(toFollow));
    named.removeAll(known.keySet());
    known.putAll(eventsByKey(List.copyOf(named)));
    addJourneys(toFollow, query, journeys, rows);
  }

  /**
   * A trace of exactly one address, the question support asks most, reads all of its messages at once when they are
   * few (one batch), so that every journey is looked for among them ({@link HopCandidates.AmongKnown}) instead of by
   * two or three searches per row. Returns false, having added nothing, for any other query or a busier address.
   */
  private boolean traceOneAddress(TraceQuery query, Map<String, DeliveryRow> rows) throws IOException {
    String address = onlyAddress(query);
    if (address == null) {
      return false;
    }
    List<String> keys = new ArrayList<>();
    store.visitRowKeys(rowCandidates(query), key -> keys.add(key) && keys.size() <= KEYS_PER_BATCH);
    if (keys.size() > KEYS_PER_BATCH) {
      return false;
    }
    Map<String, List<LogEvent>> messages = eventsByKey(keys);
    HopCandidates candidates = new HopCandidates.AmongKnown(address, messages, new HopCandidates.InIndex(store));
    Journeys journeys = new Journeys(candidates,
        key -> messages.containsKey(key) ? stop(key, messages.get(key)) : stop(key));
    addMatchingRows(messages, query, journeys, rows);
    return true;
  }

  /** The normalized address of a query for one exact recipient address and no other filter; else null. */
  static String onlyAddress(TraceQuery query) {
    boolean toAlone = query.to() != null && query.from() == null && query.domain() == null
        && query.messageId() == null && query.id() == null && query.since() == null && query.until() == null
        && query.status() == null;
    return toAlone ? AddressPattern.of(query.to()).exactAddress() : null;
  }

  /** All events of a message key, in time order; empty when the key is unknown. */
  public List<LogEvent> events(String key) throws IOException {
    List<LogEvent> events = store.eventsByKey(List.of(key)).get(key);
    events.sort(VerdictEngine.CHRONOLOGICAL);
    return events;
  }

  /**
   * Adds the rows of these messages that match: each row is first followed through local forwards and across servers
   * ({@link Journeys}); a journey found from two of its messages is listed once, under its first server's key.
   */
  private void addMatchingRows(Map<String, List<LogEvent>> byKey, TraceQuery query, Journeys journeys,
      Map<String, DeliveryRow> rows) {
    addJourneys(rowsToFollow(byKey, query), query, journeys, rows);
  }

  /** The rows of these messages that may match, their local forwards followed: those whose journeys are wanted. */
  private List<DeliveryRow> rowsToFollow(Map<String, List<LogEvent>> byKey, TraceQuery query) {
    List<DeliveryRow> toFollow = new ArrayList<>();
    for (Map.Entry<String, List<LogEvent>> message : byKey.entrySet()) {
      if (query.id() != null && !hasId(message.getKey(), message.getValue(), query.id())) {
        continue;
      }
      for (DeliveryRow row : VerdictEngine.rows(message.getKey(), message.getValue())) {
        if (recipientMatches(row, query)) { // else no need to follow it: a journey keeps its recipient
          toFollow.add(followForward(row, 0));
        }
      }
    }
    return toFollow;
  }

  private static void addJourneys(List<DeliveryRow> toFollow, TraceQuery query, Journeys journeys,
      Map<String, DeliveryRow> rows) {
    for (DeliveryRow row : toFollow) {
      DeliveryRow journey = journeys.of(row);
      if (matches(journey, query)) {
        rows.putIfAbsent(journey.key() + " " + MailAddresses.normalize(journey.recipient()), journey);
      }
    }
  }

  private Map<String, List<LogEvent>> eventsByKey(List<String> keys) {
    try {
      return store.eventsByKey(keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One message as a stop of a journey: its rows with local forwards followed, and its local ids. */
  private Journeys.Stop stop(String key) {
    return stop(key, eventsByKey(List.of(key)).get(key));
  }

  private Journeys.Stop stop(String key, List<LogEvent> events) {
    if (events.isEmpty()) {
      return null;
    }
    Set<String> localIds = new HashSet<>();
    events.forEach(event -> {
      if (event.header().localId() != null) {
        localIds.add(event.header().localId().toLowerCase(Locale.ROOT));
      }
    });
    List<DeliveryRow> rows = VerdictEngine.rows(key, events).stream().map(row -> followForward(row, 0)).toList();
    return new Journeys.Stop(key, rows, localIds);
  }

  /**
   * A recipient the server forwarded (alias, .forward) was not delivered by the local "sent": its fate is that of the
   * message it was forwarded as. Follows up to {@value #MAX_FORWARDS} hops on the same host.
   */
  DeliveryRow followForward(DeliveryRow row, int hops) {
    if (row.forwardedAs() == null || hops >= MAX_FORWARDS) {
      return row;
    }
    try {
      DeliveryRow best = null;
      for (String key : store.keysWithLocalId(row.host(), row.forwardedAs())) {
        List<DeliveryRow> continuation = VerdictEngine.rows(key, store.eventsByKey(List.of(key)).get(key));
        if (continuation.isEmpty() || continuation.get(0).firstSeen() != null && row.firstSeen() != null
            && continuation.get(0).firstSeen().isBefore(row.firstSeen())) {
          continue; // an older message that had the same queue id
        }
        DeliveryRow worst = worstFor(row.recipient(), continuation);
        if (best == null || worst.firstSeen() != null && best.firstSeen() != null
            && worst.firstSeen().isBefore(best.firstSeen())) {
          best = worst;
        }
      }
      return best == null ? row : row.followedBy(followForward(best, hops + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Of the forwarded message's rows (those from this recipient, if marked so), the one a support agent must see. */
  private static DeliveryRow worstFor(String recipient, List<DeliveryRow> rows) {
    String wanted = MailAddresses.normalize(recipient);
    List<DeliveryRow> fromRecipient = rows.stream()
        .filter(r -> wanted != null && wanted.equals(MailAddresses.normalize(r.originalRecipient()))).toList();
    List<DeliveryRow> candidates = fromRecipient.isEmpty() ? rows : fromRecipient;
    return candidates.stream().max(Comparator.comparingInt(r -> SEVERITY.indexOf(r.verdict()))).orElseThrow();
  }

  private static final int MAX_FORWARDS = 5;
  private static final List<Verdict> SEVERITY = List.of(Verdict.DELIVERED_LOCALLY, Verdict.HANDED_OVER,
      Verdict.UNKNOWN, Verdict.DEFERRED, Verdict.DISCARDED, Verdict.EXPIRED, Verdict.BOUNCED, Verdict.REJECTED);

  /**
   * The stored rows that may answer the query. An id or a Message-ID is looked up among the events first (the
   * events have those terms, the rows do not): the keys of those messages, usually one, are what the rows are then
   * filtered by. With both, the id drives and the Message-ID is checked exactly
   * (a journey's Message-ID may have been logged by another of its servers than the one the id names).
   */
  private RowFilter rowCandidates(TraceQuery query) throws IOException {
    if (query.id() != null) {
      return rowCandidates(query, store.keysWithId(query.id()));
    }
    if (query.messageId() != null) {
      return rowCandidates(query, store.keysWithMessageId(MailAddresses.normalizeMessageId(query.messageId())));
    }
    return rowCandidates(query, null);
  }

  /**
   * The stored rows that may answer the query: every filter on the rows (a row holds its message's senders, its
   * recipient's original addresses, and its own verdict), the messages limited to {@code keys} unless it is null.
   * Rows are then computed from the events and filtered exactly, because a forward or a journey can change a row's
   * verdict and times: a forwarded row takes its copy's verdict and times (so {@code --status}, {@code --since} and
   * {@code --until} keep forwarded rows as candidates), and a journey's verdict and last event are its last hop's
   * (found from that hop's row).
   */
  static RowFilter rowCandidates(TraceQuery query, Set<String> keys) {
    // A journey's verdict and last event are its last hop's, found from that hop's row: a row of another message
    // than the one an id names. So the rows of an id's few messages are not filtered by verdict or time, and the
    // exact filter decides.
    boolean byKeys = keys != null;
    return new RowFilter(keys,
        query.to() == null ? null : AddressPattern.of(query.to()),
        query.from() == null ? null : AddressPattern.of(query.from()),
        query.domain() == null ? null : normalizeDomain(query.domain()),
        byKeys ? null : query.status(),
        byKeys ? null : query.since(),
        byKeys ? null : query.until(),
        true);
  }

  static boolean matches(DeliveryRow row, TraceQuery query) {
    if (!recipientMatches(row, query)) {
      return false;
    }
    if (query.from() != null && !AddressPattern.of(query.from()).matches(row.sender())) {
      return false;
    }
    if (query.messageId() != null
        && !MailAddresses.normalizeMessageId(query.messageId()).equals(
            MailAddresses.normalizeMessageId(row.messageId()))) {
      return false;
    }
    if (query.status() != null && row.verdict() != query.status()) {
      return false;
    }
    if (query.since() != null && (row.lastEvent() == null || row.lastEvent().isBefore(query.since()))) {
      return false;
    }
    return query.until() == null || row.firstSeen() == null || !row.firstSeen().isAfter(query.until());
  }

  /** The filters on the recipient, which every hop of a journey shares. */
  static boolean recipientMatches(DeliveryRow row, TraceQuery query) {
    if (query.to() != null) {
      AddressPattern to = AddressPattern.of(query.to());
      if (!to.matches(row.recipient()) && !to.matches(row.originalRecipient())) {
        return false;
      }
    }
    return query.domain() == null || inDomain(row.recipient(), normalizeDomain(query.domain()));
  }

  private static boolean hasId(String key, List<LogEvent> events, String id) {
    String wanted = id.strip();
    if (key.equals(wanted)) {
      return true;
    }
    for (LogEvent event : events) {
      if (wanted.equalsIgnoreCase(event.header().localId())) {
        return true;
      }
    }
    return false;
  }

  private static boolean inDomain(String recipient, String domain) {
    String actual = MailAddresses.domainOf(recipient);
    return actual != null && (actual.equals(domain) || actual.endsWith("." + domain));
  }

  static String normalizeDomain(String domain) {
    String d = domain.strip().toLowerCase(Locale.ROOT);
    return d.startsWith("@") ? d.substring(1) : d;
  }
}
