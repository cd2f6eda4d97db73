package org.smtptrail.engine.verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Received;

/**
 * What {@code stats} counts of one message besides its rows' verdicts: its "received" events, its size and each
 * recipient's temporary failures.
 *
 * @param received the message's "received" events
 * @param size     its size in bytes (the first logged), -1 when not logged
 */
public record MessageFacts(int received, long size, Map<String, List<DeliveryAttempt>> attemptsByRecipient) {

  /** The facts of a message's events, which must be in {@link VerdictEngine#CHRONOLOGICAL} order. */
  public static MessageFacts of(List<LogEvent> chronological) {
    int received = 0;
    long size = -1;
    Map<String, List<DeliveryAttempt>> attempts = new HashMap<>();
    for (LogEvent event : chronological) {
      if (event instanceof Received) {
        received++;
      } else if (event instanceof Queued queued && size < 0) {
        size = queued.size();
      } else if (event instanceof DeliveryAttempt attempt) {
        attempts.computeIfAbsent(MailAddresses.normalize(attempt.recipient()), r -> new ArrayList<>()).add(attempt);
      }
    }
    return new MessageFacts(received, size, attempts);
  }

  /** The recipient's temporarily failed attempts, one attempt reported by two logs counted once. */
  public long deferrals(String recipient) {
    List<DeliveryAttempt> attempts = attemptsByRecipient.get(MailAddresses.normalize(recipient));
    if (attempts == null) {
      return 0;
    }
    return SameAttempts.merge(attempts).stream().filter(a -> a.status() == DeliveryStatus.DEFERRED).count();
  }
}
