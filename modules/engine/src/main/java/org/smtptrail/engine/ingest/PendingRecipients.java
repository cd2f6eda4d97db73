package org.smtptrail.engine.ingest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.DeliveryStatus;

/**
 * Which recipients of a message still wait for another attempt, for the {@link Correlator}'s continuation rule: a
 * server that retries under a new local id (Xeams opens a new connection, with a new LCID, for every retry) names the
 * earlier message only through the recipient, so the correlator must know that the recipient's last attempt there
 * was deferred.
 *
 * <p>Only recipients that a same-message link named are followed (formats that never link pay nothing). The latest
 * attempt <em>in log time</em> decides, so reading the logs of one server in any file order gives the same answer: a
 * deferral read after the later success that ended it does not reopen the recipient.
 */
final class PendingRecipients {
  private static final long CLOSED_RETENTION_MILLIS = 86_400_000L;
  private static final long OPEN_RETENTION_MILLIS = 30 * 86_400_000L;

  /**
   * The latest attempt of one followed recipient.
   *
   * @param open    true when that attempt was deferred
   * @param time    its log time (epoch millis); {@link Long#MIN_VALUE} before any attempt was seen
   * @param touched log time it was last followed or updated, for pruning
   */
  record State(boolean open, long time, long touched) {}

  private final Map<String, State> byMessageAndRecipient;

  PendingRecipients() {
    this(new HashMap<>());
  }

  PendingRecipients(Map<String, State> byMessageAndRecipient) {
    this.byMessageAndRecipient = byMessageAndRecipient;
  }

  /** Starts following a recipient of the message filed under {@code key} (a link named it at {@code time}). */
  void follow(String key, String recipient, long time) {
    String id = id(key, recipient);
    if (id == null) {
      return;
    }
    State known = byMessageAndRecipient.get(id);
    byMessageAndRecipient.put(id, known == null ? new State(false, Long.MIN_VALUE, time)
        : new State(known.open(), known.time(), Math.max(known.touched(), time)));
  }

  /** Records an attempt of a followed recipient; an attempt older than the one known changes nothing. */
  void record(String key, String recipient, DeliveryStatus status, long time) {
    String id = id(key, recipient);
    State known = id == null ? null : byMessageAndRecipient.get(id);
    if (known != null && time >= known.time()) {
      byMessageAndRecipient.put(id,
          new State(status == DeliveryStatus.DEFERRED, time, Math.max(known.touched(), time)));
    }
  }

  /** True when the recipient's latest attempt in that message was deferred. */
  boolean isOpen(String key, String recipient) {
    String id = id(key, recipient);
    State state = id == null ? null : byMessageAndRecipient.get(id);
    return state != null && state.open();
  }

  /** Forgets settled recipients after a day and open ones after thirty days, before {@code newest}. */
  void prune(long newest) {
    for (Iterator<State> it = byMessageAndRecipient.values().iterator(); it.hasNext(); ) {
      State state = it.next();
      long age = newest - state.touched();
      if (state.open() ? age > OPEN_RETENTION_MILLIS : age > CLOSED_RETENTION_MILLIS) {
        it.remove();
      }
    }
  }

  int size() {
    return byMessageAndRecipient.size();
  }

  /** The state to persist, keyed by message key and normalized recipient. */
  Map<String, State> asMap() {
    return byMessageAndRecipient;
  }

  private static String id(String key, String recipient) {
    String normalized = MailAddresses.normalize(recipient);
    return normalized == null || normalized.isEmpty() ? null : key + '\u0000' + normalized;
  }
}
