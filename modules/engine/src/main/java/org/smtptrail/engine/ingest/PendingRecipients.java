package org.smtptrail.engine.ingest;

import java.util.HashMap;
import java.util.Map;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.engine.state.CorrelationState;
import org.smtptrail.engine.state.MessageEntry;

/**
 * Which recipients of a message still wait for another attempt, for the {@link Correlator}'s continuation rule: a
 * server that retries under a new local id (Xeams opens a new connection, with a new LCID, for every retry) names the
 * earlier message only through the recipient, so the correlator must know that the recipient's last attempt there
 * was deferred.
 *
 * <p>Only recipients that a same-message link named are followed, and until the first such link in a data folder the
 * attempts of other formats are not even looked up. The latest attempt <em>in log time</em> decides, so reading the
 * logs of one server in any file order gives the same answer: a deferral read after the later success that ended it
 * does not reopen the recipient.
 *
 * <p>Entries are kept in the correlator's {@link CorrelationState} beside the local ids (so they survive restarts),
 * under ids starting with {@value #PREFIX_TEXT}, encoded as a {@link MessageEntry} whose key holds the attempt time,
 * {@code lastSeen} the last time the entry was touched and {@code ended} whether the recipient is settled: the
 * correlator's pruning then forgets settled recipients after a day and waiting ones after thirty days.
 */
final class PendingRecipients {
  private static final String PREFIX_TEXT = "\\u0002";
  private static final String PREFIX = "\u0002";
  /** Present once any recipient was followed in this state: before that, attempts need no look-up. */
  private static final String FOLLOWING = PREFIX + "following";

  /**
   * The latest attempt of one followed recipient.
   *
   * @param open    true when that attempt was deferred
   * @param time    its log time (epoch millis); {@link Long#MIN_VALUE} before any attempt was seen
   * @param touched log time it was last followed or updated, for pruning
   */
  record State(boolean open, long time, long touched) {}

  private final CorrelationState state;
  private final Map<String, State> changed = new HashMap<>();
  private boolean following;

  PendingRecipients(CorrelationState state) {
    this.state = state;
    this.following = state.get(FOLLOWING) != null;
  }

  /** Starts following a recipient of the message filed under {@code key} (a link named it at {@code time}). */
  void follow(String key, String recipient, long time) {
    String id = id(key, recipient);
    if (id == null) {
      return;
    }
    if (!following) {
      following = true;
      state.put(FOLLOWING, new MessageEntry("", Long.MAX_VALUE, false));
    }
    State known = lookup(id);
    changed.put(id, known == null ? new State(false, Long.MIN_VALUE, time)
        : new State(known.open(), known.time(), Math.max(known.touched(), time)));
  }

  /** Records an attempt of a followed recipient; an attempt older than the one known changes nothing. */
  void record(String key, String recipient, DeliveryStatus status, long time) {
    if (!following) {
      return;
    }
    String id = id(key, recipient);
    State known = id == null ? null : lookup(id);
    if (known != null && time >= known.time()) {
      changed.put(id, new State(status == DeliveryStatus.DEFERRED, time, Math.max(known.touched(), time)));
    }
  }

  /** True when the recipient's latest attempt in that message was deferred. */
  boolean isOpen(String key, String recipient) {
    String id = id(key, recipient);
    State known = id == null ? null : lookup(id);
    return known != null && known.open();
  }

  /** Writes the changed entries to the state (with the correlator's flush). */
  void flush() {
    changed.forEach((id, s) -> state.put(id, new MessageEntry(Long.toString(s.time()), s.touched(), !s.open())));
    changed.clear();
  }

  private State lookup(String id) {
    State known = changed.get(id);
    if (known != null) {
      return known;
    }
    MessageEntry stored = state.get(id);
    return stored == null ? null
        : new State(!stored.ended(), Long.parseLong(stored.key()), stored.lastSeen());
  }

  private static String id(String key, String recipient) {
    String normalized = MailAddresses.normalize(recipient);
    return normalized == null || normalized.isEmpty() ? null : PREFIX + key + '\u0000' + normalized;
  }
}
