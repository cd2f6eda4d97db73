package org.smtptrail.engine.store;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.smtptrail.core.event.LogEvent;

/**
 * The reading side of the store contract: what the query layer, journeys and {@code serve} ask of a store, in the
 * product's words. A store holds event documents (the evidence, one or more events of one message each) and one
 * stored row per (message, recipient) ({@link RowFacts}); the local Lucene folder is one store, and no type of its
 * search engine crosses this interface, so a second store answers the same questions the same way.
 *
 * <p>Messages are named by their key (format, host and local id: see {@code Correlator}); addresses and ids are
 * asked for normalized, as {@link org.smtptrail.core.MailAddresses} makes them.
 */
public interface StoreReader extends Closeable {

  /** Number of events (rows not included). */
  int eventCount() throws IOException;

  /**
   * Whether the store holds events without their rows (an older version wrote them, or older rules decided the
   * rows): queries answer from the rows, so such a store must be upgraded before it is asked.
   */
  boolean needsUpgrade() throws IOException;

  /**
   * Visits the distinct message keys of the rows matching {@code filter}, the message of the newest row first (a
   * row's time is its last event), until the visitor returns false.
   */
  void visitRowKeys(RowFilter filter, Predicate<String> visitor) throws IOException;

  /**
   * Hands every row matching {@code filter} to {@code visitor}, in no particular order, with its value of
   * {@code group} (null: none asked). A pass over every row reads their figures only, never their events.
   */
  void scanRows(RowFilter filter, RowGroup group, RowVisitor visitor) throws IOException;

  /** Receives the rows of {@link #scanRows}. */
  @FunctionalInterface
  interface RowVisitor {
    void visit(StoredRow row) throws IOException;
  }

  /**
   * The rows matching {@code filter} summed by kind: by value of {@code group} (null: none), verdict and flags
   * ({@link RowSums}), for stats. A store adds them up where the rows are (an aggregation in OpenSearch: a few hundred
   * sums cross the network, not millions of rows). A row whose flags pass {@code byKey}, or, when the filter has a
   * {@code since}, whose message's earliest last event ({@link RowFacts#messageLastMin()}) is before it, is not
   * summed: its key goes to {@code keys} (the caller counts those messages from their events; a key may come more
   * than once).
   */
  void sumRows(RowFilter filter, RowGroup group, IntPredicate byKey, Consumer<RowSums> sums, Consumer<String> keys)
      throws IOException;

  /**
   * The events of each of these keys, in the keys' order (an unknown key gets an empty list); each list is the
   * caller's to change, its events in no particular order.
   */
  Map<String, List<LogEvent>> eventsByKey(Collection<String> keys) throws IOException;

  /**
   * Hands every message to {@code visitor}, one at a time, with all its events (in no particular order). Only one
   * message's events need be in memory at a time.
   */
  void forEachMessage(BiConsumer<String, List<LogEvent>> visitor) throws IOException;

  /** The messages an id names: a message key, or a local id (queue id, LCID; any case) of one of their events. */
  Set<String> keysWithId(String id) throws IOException;

  /** The messages with this Message-ID (normalized) in one of their events. */
  Set<String> keysWithMessageId(String normalizedMessageId) throws IOException;

  /**
   * The messages with an address-verification probe answer in a document of events logged between the two times,
   * both included (null: unbounded); a document holds several events, so the caller checks each answer's own time.
   */
  Set<String> keysWithProbes(Instant since, Instant until) throws IOException;

  /** The keys of messages with that local id (queue id, LCID; any case) on that host, newest first. */
  List<String> keysWithLocalId(String host, String localId) throws IOException;

  /**
   * Some messages with a delivery attempt to a window's recipient (normalized) in a document of events logged in that
   * window: for each window asked, the distinct keys of at most {@code maxEvents} such documents (an empty set when
   * none). A document holds several events of one message, so a message whose attempt is outside the window is among
   * them when another of its events in that document is inside. A page of trace rows asks one window per row at once
   * (where a row's journey may begin on another server), so that a store can answer them with one search, not one
   * each.
   */
  Map<AttemptWindow, Set<String>> someKeysWithAttempts(Collection<AttemptWindow> windows, int maxEvents)
      throws IOException;

  /**
   * Some messages with each of these local ids (queue id, LCID; lower case): for each id asked, the distinct keys of
   * at most {@code maxEvents} documents (an empty set when none). Asked for a page of rows at once, as
   * {@link #someKeysWithAttempts}.
   */
  Map<String, Set<String>> someKeysWithLocalIds(Collection<String> localIds, int maxEvents) throws IOException;

  /**
   * Some messages with each of these Message-IDs (normalized): for each id asked, the distinct keys of at most
   * {@code maxEvents} documents (an empty set when none). Asked for a page of rows at once, as
   * {@link #someKeysWithAttempts}.
   */
  Map<String, Set<String>> someKeysWithMessageIds(Collection<String> messageIds, int maxEvents) throws IOException;

  /**
   * Up to {@code max} distinct addresses that rows were written for (recipients and original recipients,
   * normalized), that start with {@code prefix} (normalized: lower case), in alphabetical order: the suggestions as a
   * support agent types an address. Read from the store's terms, not from its rows, so it costs the terms looked at,
   * at most about {@code max}, however many rows there are.
   */
  List<String> addressesStartingWith(String prefix, int max) throws IOException;
}
