package org.smtptrail.engine.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.Removed;

/**
 * Files every event under a message key. Within a format and host the local id (queue id, LCID, session id) names a
 * message, but local ids are reused: once a message was removed from the queue, the next message with the same id
 * gets a new key, suffixed with the time it was first seen. A refusal before queueing (no local id) is a message of
 * its own, keyed by its time and line.
 *
 * <p>A {@link LinkReason#SAME_MESSAGE} link makes the linked id an alias of the event's message. One case goes the
 * other way: when the event's id is new and the link names a recipient that still waits for a retry in the message
 * of the linked id, the new id <em>continues</em> that message. This is how a server that retries under a new local
 * id (Xeams: one LCID per connection, a new connection per retry) keeps one message key per message; see
 * {@link PendingRecipients}.
 *
 * <p>The state (ids in flight, recently ended ids) survives between runs through {@link #toJson()}, so incremental
 * indexing files later lines of a message under the same key. It is bounded: ended ids are forgotten after a day,
 * idle ones after thirty days, in log time.
 */
public final class Correlator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter KEY_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
  private static final long ENDED_RETENTION_MILLIS = 86_400_000L;
  private static final long IDLE_RETENTION_MILLIS = 30 * 86_400_000L;

  /** One local id's message: its key, when it was last seen, whether it has left the queue. */
  record Entry(String key, long lastSeen, boolean ended) {}

  private final Map<String, Entry> byLocalId;
  private final PendingRecipients pending;
  private long newest = Long.MIN_VALUE;

  public Correlator() {
    this(new HashMap<>(), new PendingRecipients());
  }

  private Correlator(Map<String, Entry> byLocalId, PendingRecipients pending) {
    this.byLocalId = byLocalId;
    this.pending = pending;
  }

  /** The message key of an event, or null for an event that belongs to no message (an unparsed line without id). */
  public String keyFor(LogEvent event) {
    EventHeader header = event.header();
    long time = header.time() == null ? newest : header.time().toEpochMilli();
    newest = Math.max(newest, time);
    if (header.localId() == null) {
      return event instanceof Rejected ? unqueuedKey(header) : null;
    }
    String localId = localIdKey(header.format(), header.host(), header.localId());
    Entry entry = byLocalId.get(localId);
    String continued = continuedKey(event, entry);
    String key;
    if (continued != null) {
      key = continued;
    } else if (entry == null) {
      key = baseKey(header, header.localId());
    } else if (entry.ended() && !(event instanceof Removed)) {
      key = baseKey(header, header.localId()) + "~" + KEY_TIME.format(Instant.ofEpochMilli(time));
    } else {
      key = entry.key();
    }
    byLocalId.put(localId, new Entry(key, time, event instanceof Removed));
    if (event instanceof Linked linked && linked.reason() == LinkReason.SAME_MESSAGE) {
      byLocalId.put(localIdKey(header.format(), header.host(), linked.linkedLocalId()), new Entry(key, time, false));
      pending.follow(key, linked.recipient(), time);
    } else if (event instanceof DeliveryAttempt attempt) {
      pending.record(key, attempt.recipient(), attempt.status(), time);
    }
    return key;
  }

  /**
   * The key of the message a new local id continues: the event is a same-message link from an id not seen before
   * (or ended) to a live id whose message still waits to retry the link's recipient. Null otherwise.
   */
  private String continuedKey(LogEvent event, Entry entry) {
    if (!(event instanceof Linked linked) || linked.reason() != LinkReason.SAME_MESSAGE
        || linked.recipient() == null || linked.linkedLocalId() == null || entry != null && !entry.ended()) {
      return null;
    }
    EventHeader header = event.header();
    Entry target = byLocalId.get(localIdKey(header.format(), header.host(), linked.linkedLocalId()));
    if (target == null || target.ended() || !pending.isOpen(target.key(), linked.recipient())) {
      return null;
    }
    return target.key();
  }

  /** Number of local ids remembered. */
  public int size() {
    return byLocalId.size();
  }

  /**
   * Forgets ids that ended more than a day, or were last seen more than thirty days, before the newest event; and
   * recipients settled more than a day, or waiting more than thirty days, before it.
   */
  public void prune() {
    pending.prune(newest);
    for (Iterator<Entry> it = byLocalId.values().iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      long age = newest - entry.lastSeen();
      if (entry.ended() ? age > ENDED_RETENTION_MILLIS : age > IDLE_RETENTION_MILLIS) {
        it.remove();
      }
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(new State(newest, byLocalId, pending.asMap()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write correlation state", e);
    }
  }

  /** Restores the state written by {@link #toJson()}; a missing state is an empty correlator. */
  public static Correlator fromJson(String json) {
    if (json == null || json.isBlank()) {
      return new Correlator();
    }
    try {
      State state = JSON.readValue(json, new TypeReference<State>() {});
      Correlator correlator = new Correlator(new HashMap<>(state.ids()),
          new PendingRecipients(state.pending() == null ? new HashMap<>() : new HashMap<>(state.pending())));
      correlator.newest = state.newest();
      return correlator;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the index's correlation state is unreadable: " + e.getOriginalMessage(), e);
    }
  }

  /** The persisted state; {@code pending} is absent in states written before it existed. */
  record State(long newest, Map<String, Entry> ids, Map<String, PendingRecipients.State> pending) {}

  private static String localIdKey(String format, String host, String localId) {
    return format + '\u0000' + host + '\u0000' + localId;
  }

  private static String baseKey(EventHeader header, String localId) {
    return header.format() + ":" + header.host() + ":" + localId;
  }

  private static String unqueuedKey(EventHeader header) {
    String when = header.time() == null ? "notime" : KEY_TIME.format(header.time());
    String line = header.source().text();
    String digest = Hashing.murmur3_32_fixed().hashString(line, StandardCharsets.UTF_8).toString();
    return baseKey(header, "NOQUEUE-" + when + "-" + digest);
  }
}
