package org.smtptrail.engine.ingest;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.Discarded;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.Removed;
import org.smtptrail.engine.state.CorrelationState;
import org.smtptrail.engine.state.MessageEntry;

/**
 * Files every event under a message key. Within a format and host the local id (queue id, LCID, session id) names a
 * message, but local ids are reused: once a message was removed from the queue, a later event with the same id
 * starts a new message, keyed with the time it was first seen. A refusal or a discard before queueing (no local id)
 * is a message of its own, keyed by its time, its line and where the line is: a client that tries again within the
 * second gets the very same line again, and each try is a refusal of its own.
 *
 * <p>A {@link LinkReason#SAME_MESSAGE} link makes the linked id an alias of the event's message. One case goes the
 * other way: when the event's id is new and the link names a recipient that still waits for a retry in the message
 * of the linked id, the new id <em>continues</em> that message. This is how a server that retries under a new local
 * id (Xeams: one LCID per connection, a new connection per retry) keeps one message key per message; see
 * {@link PendingRecipients}.
 *
 * <p>Entries live in a {@link CorrelationState}; changed entries are kept on the heap and written back by
 * {@link #flush()} (at each index commit), so the hot path does no off-heap write per event. A line read twice
 * (after a crash, before its commit) gets the same key again: an ended entry is only reused by a <em>later</em> event.
 * The state is bounded by {@link #prune()}: ended ids are forgotten after a day, idle ones after thirty days, in log
 * time.
 */
public final class Correlator {
  private static final DateTimeFormatter KEY_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
  private static final long ENDED_RETENTION_MILLIS = 86_400_000L;
  private static final long IDLE_RETENTION_MILLIS = 30 * 86_400_000L;
  private static final String NEWEST = "\u0000newest";
  /** Changed entries kept on the heap at most; beyond that they are written back early (heap stays bounded). */
  private static final int MAX_CHANGED = 65_536;

  private final CorrelationState state;
  private final Map<String, MessageEntry> changed = new HashMap<>();
  private final PendingRecipients pending;
  private long newest;

  public Correlator(CorrelationState state) {
    this.state = state;
    this.pending = new PendingRecipients(state);
    MessageEntry newestEntry = state.get(NEWEST);
    this.newest = newestEntry == null ? Long.MIN_VALUE : newestEntry.lastSeen();
  }

  /** A correlator whose state lives only as long as it does. */
  public static Correlator inMemory() {
    return new Correlator(CorrelationState.inMemory());
  }

  /** The message key of an event, or null for an event that belongs to no message (an unparsed line without id). */
  public String keyFor(LogEvent event) {
    EventHeader header = event.header();
    long time = header.time() == null ? newest : header.time().toEpochMilli();
    newest = Math.max(newest, time);
    if (header.localId() == null) {
      return event instanceof Rejected || event instanceof Discarded ? unqueuedKey(header) : null;
    }
    String localId = localIdKey(header.format(), header.host(), header.localId());
    MessageEntry entry = lookup(localId);
    String continued = continuedKey(event, entry);
    String key;
    if (continued != null) {
      key = continued;
    } else if (entry == null) {
      key = baseKey(header, header.localId());
    } else if (entry.ended() && time > entry.lastSeen() && !(event instanceof Removed)) {
      key = baseKey(header, header.localId()) + "~" + KEY_TIME.format(Instant.ofEpochMilli(time));
    } else {
      key = entry.key();
    }
    boolean ended = event instanceof Removed || entry != null && entry.ended() && key.equals(entry.key());
    changed.put(localId, new MessageEntry(key, Math.max(time, entry == null ? time : entry.lastSeen()), ended));
    if (event instanceof Linked linked && linked.reason() == LinkReason.SAME_MESSAGE) {
      changed.put(localIdKey(header.format(), header.host(), linked.linkedLocalId()),
          new MessageEntry(key, time, false));
      pending.follow(key, linked.recipient(), time);
    } else if (event instanceof DeliveryAttempt attempt) {
      pending.record(key, attempt.recipient(), attempt.status(), time);
    }
    if (changed.size() >= MAX_CHANGED) {
      flush();
    }
    return key;
  }

  /**
   * The key of the message a new local id continues: the event is a same-message link from an id not seen before
   * (or ended) to a live id whose message still waits to retry the link's recipient. Null otherwise.
   */
  private String continuedKey(LogEvent event, MessageEntry entry) {
    if (!(event instanceof Linked linked) || linked.reason() != LinkReason.SAME_MESSAGE
        || linked.recipient() == null || linked.linkedLocalId() == null || entry != null && !entry.ended()) {
      return null;
    }
    EventHeader header = event.header();
    MessageEntry target = lookup(localIdKey(header.format(), header.host(), linked.linkedLocalId()));
    if (target == null || target.ended() || !pending.isOpen(target.key(), linked.recipient())) {
      return null;
    }
    return target.key();
  }

  private MessageEntry lookup(String localId) {
    MessageEntry entry = changed.get(localId);
    return entry != null ? entry : state.get(localId);
  }

  /** Writes the entries changed since the last flush to the state: call it with every index commit. */
  public void flush() {
    changed.forEach(state::put);
    changed.clear();
    pending.flush();
    state.put(NEWEST, new MessageEntry("", newest, false));
  }

  /** Number of local ids remembered (after a flush). */
  public int size() {
    return state.size() - (state.get(NEWEST) == null ? 0 : 1);
  }

  /**
   * Forgets ids that ended more than a day, or were last seen more than thirty days, before the newest event; and
   * (with the same rules, see {@link PendingRecipients}) recipients settled a day ago or waiting for thirty days.
   */
  public void prune() {
    flush();
    long now = newest;
    state.removeIf(entry -> !entry.key().isEmpty()
        && (entry.ended() ? now - entry.lastSeen() > ENDED_RETENTION_MILLIS
            : now - entry.lastSeen() > IDLE_RETENTION_MILLIS));
  }

  private static String localIdKey(String format, String host, String localId) {
    return format + '\u0000' + host + '\u0000' + localId;
  }

  private static String baseKey(EventHeader header, String localId) {
    return header.format() + ":" + header.host() + ":" + localId;
  }

  private static String unqueuedKey(EventHeader header) {
    String when = header.time() == null ? "notime" : KEY_TIME.format(header.time());
    String line = header.source().text() + '\n' + header.source().lineNumber();
    String digest = Hashing.murmur3_32_fixed().hashString(line, StandardCharsets.UTF_8).toString();
    return baseKey(header, "NOQUEUE-" + when + "-" + digest);
  }
}
