package org.smtptrail.format.axigen;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.smtptrail.core.MailAddresses;

/**
 * What one file's PROCESSING lines say about the queue: which recipients each queued message still has to deliver,
 * and its envelope sender when SMTP-IN named it. SMTP-OUT lines name no queue id (nothing seen shows one, format note
 * D.5), so this is what ties an outbound session to its message: the recipient of a RCPT TO is pending in exactly
 * one queued message. It also remembers recent permanent failures, to recognise the non-delivery report Axigen
 * queues for them (E.9: a new queue id whose first recipient is the original sender, seconds later).
 *
 * <p>Per recipient of a message it also keeps what a PROCESSING state line needs to know to decide, or not, at
 * Axigen's default log level ({@link ProcessingLines}): whether the recipient was routed to a local mailbox, and how
 * many delivery attempts other lines (an SMTP-OUT reply, "Mail delivered to mailbox") reported that no state line has
 * answered yet.
 */
final class QueueIndex {
  /** A queued message is forgotten after this long without a line: longer than Axigen's ~6 days of retries. */
  private static final Duration LIFETIME = Duration.ofDays(7);
  /** How soon after a permanent failure the report's first PROCESSING line is expected. */
  private static final Duration NDR_WINDOW = Duration.ofSeconds(60);
  private static final int MAX_MESSAGES = 200_000;

  /** A recipient that failed for good, waiting for the report to its sender. */
  record Bounce(String queueId, String sender, String recipient, Instant time) {}

  private static final class Queued {
    String sender;
    Instant lastSeen;
    final Set<String> pending = new LinkedHashSet<>();
    /** Per normalized recipient; made on first use (most recipients never need one). */
    Map<String, Track> tracks;

    Track track(String recipient) {
      if (tracks == null) {
        tracks = new HashMap<>(4);
      }
      return tracks.computeIfAbsent(MailAddresses.normalize(recipient), r -> new Track());
    }
  }

  /** What the lines of one recipient of one message said so far. */
  private static final class Track {
    /** "PROCESSED - LOCAL" or "Mail delivered to mailbox" was seen: the recipient is a local mailbox. */
    boolean local;
    /** Attempts reported by SMTP-OUT replies or mailbox deliveries that no state line has answered yet. */
    int unanswered;
  }

  private final Map<String, Queued> byId = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Queued> eldest) {
      if (size() <= MAX_MESSAGES) {
        return false;
      }
      eldest.getValue().pending.forEach(r -> unindex(r, eldest.getKey()));
      return true;
    }
  };
  private final Map<String, Set<String>> idsByRecipient = new HashMap<>();
  private final List<Bounce> bounces = new ArrayList<>();

  /** True when a line of this queue id was seen before in this file. */
  boolean isKnown(String queueId) {
    return byId.containsKey(queueId);
  }

  /** A line of the message was seen. */
  void touch(String queueId, Instant time) {
    Queued queued = byId.computeIfAbsent(queueId, id -> new Queued());
    if (time != null) {
      queued.lastSeen = time;
    }
  }

  /** SMTP-IN named the message's envelope sender (often after the PROCESSING lines: VERIFIED, note E.2). */
  void sender(String queueId, String sender, Instant time) {
    touch(queueId, time);
    String normalized = MailAddresses.normalize(sender);
    byId.get(queueId).sender = normalized;
    if (normalized != null && !normalized.isEmpty()) {
      bounces.replaceAll(b -> b.sender() == null && b.queueId().equals(queueId)
          ? new Bounce(queueId, normalized, b.recipient(), b.time()) : b);
    }
  }

  /** The message's envelope sender, or null while SMTP-IN has not named it. */
  String senderOf(String queueId) {
    Queued queued = byId.get(queueId);
    return queued == null ? null : queued.sender;
  }

  /** The recipient was routed to a local mailbox ("PROCESSED - LOCAL", or a mailbox delivery). */
  void routedLocally(String queueId, String recipient) {
    touch(queueId, null);
    byId.get(queueId).track(recipient).local = true;
  }

  /** True when the recipient was routed to a local mailbox. */
  boolean isRoutedLocally(String queueId, String recipient) {
    Queued queued = byId.get(queueId);
    Track track = queued == null || queued.tracks == null ? null
        : queued.tracks.get(MailAddresses.normalize(recipient));
    return track != null && track.local;
  }

  /** Another line (an SMTP-OUT reply, a mailbox delivery) reported an attempt of the recipient. */
  void attemptReported(String queueId, String recipient) {
    touch(queueId, null);
    byId.get(queueId).track(recipient).unanswered++;
  }

  /**
   * A state line that ends an attempt: true (and the report is taken) when another line already reported that
   * attempt, so the state line is only more evidence of it.
   */
  boolean takeReportedAttempt(String queueId, String recipient) {
    Queued queued = byId.get(queueId);
    if (queued == null || queued.tracks == null) {
      return false;
    }
    Track track = queued.tracks.get(MailAddresses.normalize(recipient));
    if (track == null || track.unanswered == 0) {
      return false;
    }
    track.unanswered--;
    return true;
  }

  /**
   * "Set recipient &lt;r&gt; state to W": the recipient is pending until a state says it left the queue ({@code SENT},
   * VERIFIED), went to a local mailbox ({@code PROCESSED - LOCAL}, VERIFIED) or failed for good (a word of the
   * permanent family, INFERRED: {@link StateWord}). Other words keep it pending.
   */
  void recipientState(String queueId, String recipient, String state, Instant time) {
    touch(queueId, time);
    if (isFinal(state)) {
      done(queueId, recipient);
    } else {
      String r = MailAddresses.normalize(recipient);
      if (byId.get(queueId).pending.add(r)) {
        idsByRecipient.computeIfAbsent(r, x -> new LinkedHashSet<>()).add(queueId);
      }
    }
  }

  /** The recipient will not be tried again (delivered, or failed for good). */
  void done(String queueId, String recipient) {
    String r = MailAddresses.normalize(recipient);
    Queued queued = byId.get(queueId);
    if (queued != null && queued.pending.remove(r)) {
      unindex(r, queueId);
    }
  }

  /**
   * The queue ids in which this recipient is pending and not stale at {@code time}; those with a different known
   * sender are left out when {@code sender} is given.
   */
  Set<String> candidates(String recipient, String sender, Instant time) {
    Set<String> ids = idsByRecipient.get(MailAddresses.normalize(recipient));
    Set<String> result = new LinkedHashSet<>();
    if (ids == null) {
      return result;
    }
    String wantedSender = sender == null ? null : MailAddresses.normalize(sender);
    for (String id : ids) {
      Queued queued = byId.get(id);
      if (queued == null) {
        continue;
      }
      boolean fresh = time == null || queued.lastSeen == null || queued.lastSeen.plus(LIFETIME).isAfter(time);
      boolean senderFits = wantedSender == null || queued.sender == null || queued.sender.equals(wantedSender);
      if (fresh && senderFits) {
        result.add(id);
      }
    }
    return result;
  }

  /**
   * A recipient of the message failed for good: its sender should get a report soon. A sender not known yet (null:
   * SMTP-IN's line not read yet) is filled in when it comes; the null sender ("", a report that failed itself) gets
   * no report.
   */
  void bounced(String queueId, String sender, String recipient, Instant time) {
    done(queueId, recipient);
    if ((sender == null || !sender.isEmpty()) && time != null) {
      bounces.add(new Bounce(queueId, sender == null ? null : MailAddresses.normalize(sender), recipient, time));
    }
  }

  /**
   * The failures whose report this is: a new queue id's first recipient at {@code time} is the sender of failures
   * up to {@link #NDR_WINDOW} earlier. Each failure is matched once; older ones are dropped.
   */
  List<Bounce> takeBouncesReportedTo(String recipient, Instant time) {
    List<Bounce> matched = new ArrayList<>();
    if (time == null) {
      return matched;
    }
    String r = MailAddresses.normalize(recipient);
    for (Iterator<Bounce> it = bounces.iterator(); it.hasNext(); ) {
      Bounce bounce = it.next();
      if (bounce.time().plus(NDR_WINDOW).isBefore(time)) {
        it.remove();
      } else if (r != null && r.equals(bounce.sender()) && !bounce.time().isAfter(time)) {
        matched.add(bounce);
        it.remove();
      }
    }
    return matched;
  }

  private void unindex(String recipient, String queueId) {
    Set<String> ids = idsByRecipient.get(recipient);
    if (ids != null) {
      ids.remove(queueId);
      if (ids.isEmpty()) {
        idsByRecipient.remove(recipient);
      }
    }
  }

  /** "SENT", "PROCESSED - LOCAL" (any case and spacing) and the permanent-failure words of {@link StateWord}. */
  static boolean isFinal(String state) {
    StateWord.Kind kind = StateWord.of(state).kind();
    return kind == StateWord.Kind.SENT || kind == StateWord.Kind.LOCAL_ROUTE || kind == StateWord.Kind.PERMANENT;
  }

  /** The state word in a comparable form: upper case, no blanks. */
  static String normalizeState(String state) {
    return state.replace(" ", "").toUpperCase(Locale.ROOT);
  }
}
