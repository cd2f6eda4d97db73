package org.smtptrail.format.xeams;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;

/**
 * Ties the lines of the four logs to one message key. The LCID names an outbound <em>connection</em> (format note
 * §1), so it is not a message id by itself: a connection may carry several messages, and every retry opens a new
 * connection. smtptrail therefore names a message's transaction by what every log knows about it, the LCID and the
 * envelope sender ({@code 7100001/sales@example.com}), and emits two same-message links:
 *
 * <ul>
 *   <li>a <b>join</b> from the transaction to a "pending" id of (sender, recipient[, subject]): if the correlator
 *       knows that id and the recipient still waits for a retry in its message, the transaction continues that
 *       message (a retry under a new LCID); otherwise the pending id now points at this transaction's message;
 *   <li>a <b>switch</b> that points the bare LCID at the transaction's message, so the log lines themselves can keep
 *       the LCID as their local id ({@code trace --id 7100001} finds them).
 * </ul>
 *
 * Each link is emitted once per parser, just before the first line that needs it; the correlator keeps them across
 * files and runs, so the logs may be read in any order.
 */
final class TransactionLinks {
  private static final int REMEMBERED = 65_536;

  private final Map<String, String> switchedTo = bounded();
  private final Map<String, String> joined = bounded();

  /** The id of the transaction that {@code sender} runs on connection {@code lcid}. */
  static String transactionId(String lcid, String sender) {
    String normalized = MailAddresses.normalize(sender);
    return lcid + "/" + (normalized == null || normalized.isEmpty() ? "<>" : normalized);
  }

  /**
   * The id a deferred recipient waits under: sender and recipient, and the subject when the log has it (the audit
   * trails do, the SMTP dialogue does not), which keeps two messages from one sender to one recipient apart.
   */
  static String pendingId(String sender, String recipient, String subject) {
    String normalizedSender = MailAddresses.normalize(sender);
    String id = "pending:" + (normalizedSender == null || normalizedSender.isEmpty() ? "<>" : normalizedSender) + ">"
        + MailAddresses.normalize(recipient);
    if (subject == null) {
      return id;
    }
    String s = subject.strip().toLowerCase(Locale.ROOT);
    return id + "#" + Integer.toHexString(s.hashCode());
  }

  /** Emits the join of a transaction and a recipient's pending id, unless this parser already did. */
  void join(XeamsRecord record, String transactionId, String recipient, String pendingId, EventSink sink) {
    if (joined.put(transactionId + '\u0000' + MailAddresses.normalize(recipient), pendingId) == null) {
      sink.accept(new Linked(record.header(transactionId), recipient, pendingId, LinkReason.SAME_MESSAGE));
    }
  }

  /**
   * Emits the switch of an LCID to a transaction, unless this parser's last switch of that LCID was the same.
   *
   * @param recipient the recipient the record is about (so the line stays that recipient's evidence), or null
   */
  void switchTo(XeamsRecord record, String transactionId, String lcid, String recipient, EventSink sink) {
    if (!transactionId.equals(switchedTo.put(lcid, transactionId))) {
      sink.accept(new Linked(record.header(transactionId), recipient, lcid, LinkReason.SAME_MESSAGE));
    }
  }

  /** A map that forgets its least recently used entries beyond {@value #REMEMBERED}. */
  static Map<String, String> bounded() {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > REMEMBERED;
      }
    };
  }
}
