package org.smtptrail.format.xeams;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.Expired;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Unparsed;

/**
 * Reads SmtpQueue.log. No real line of it is public (format note §5), so nothing about its layout is trusted: each
 * line is read for its LCID, its e-mail addresses (the one after a sender label, such as "Sender:" or "report sent
 * to", is the sender) and a class of keywords. The queue is secondary evidence: it records that a recipient was
 * queued, retried or delivered from the queue as {@link Observation}s, which decide nothing. The one fact only it
 * has, that Xeams gave up on a message, becomes {@link Expired}; the other logs decide every other verdict.
 */
final class QueueLines {
  static final String EXPECTED = "SmtpQueue wording with a recipient: queued / retry / delivered / gave up";

  /** What a queue line says happened, by its keywords. */
  enum Kind {
    DELETED("deleted from the queue", "deleted", "manually", "by admin"),
    GAVE_UP("gave up", "giving up", "gave up", "exceeded", "expired", "maximum"),
    PERMANENT("permanent failure, not queued", "permanent", "not queued"),
    DELIVERED("delivered from the queue", "succeeded", "delivered", "success"),
    QUEUED("queued for retry", "queued", "saved", "added to"),
    RETRY("retry", "retry", "attempt"),
    UNKNOWN("?");

    private final String label;
    private final List<String> keywords;

    Kind(String label, String... keywords) {
      this.label = label;
      this.keywords = List.of(keywords);
    }

    static Kind of(String lower) {
      for (Kind kind : values()) {
        for (String keyword : kind.keywords) {
          if (lower.contains(keyword)) {
            return kind;
          }
        }
      }
      return UNKNOWN;
    }
  }

  /** Labels after which an address is the message's sender rather than a recipient. */
  private static final List<String> SENDER_LABELS = List.of("sender:", "from:", "mail from", "sent to",
      "report to", "ndr to", "notification to", "returned to");

  /**
   * The facts of one queue line.
   *
   * @param kind       what happened
   * @param recipients the recipients named
   * @param sender     the sender named, or null
   * @param reason     the text after "Reason:", or null
   */
  record QueueLine(Kind kind, List<String> recipients, String sender, String reason) {}

  private final TransactionLinks links;

  QueueLines(TransactionLinks links) {
    this.links = links;
  }

  void accept(XeamsRecord record, EventSink sink) {
    QueueLine line = parse(record.body());
    if (line.recipients().isEmpty()) {
      if (record.lcid() == null || line.kind() == Kind.UNKNOWN) {
        // a queue run, a count: nothing about one message ("Processing outbound queue, 2 message(s)")
        if (record.lcid() == null) {
          sink.skipped(record.source());
        } else {
          sink.accept(new Unparsed(record.header(record.lcid()), EXPECTED));
        }
      } else {
        sink.accept(new Observation(record.header(record.lcid()), null, describe(line)));
      }
      return;
    }
    if (line.kind() == Kind.UNKNOWN) {
      sink.accept(new Unparsed(record.header(record.lcid()), EXPECTED));
      return;
    }
    String localId = record.lcid();
    if (line.sender() != null) {
      String transactionId = TransactionLinks.transactionId(
          record.lcid() != null ? record.lcid() : "@" + record.time().toEpochMilli(), line.sender());
      for (String recipient : line.recipients()) {
        links.join(record, transactionId, recipient, TransactionLinks.pendingId(line.sender(), recipient, null), sink);
      }
      if (record.lcid() != null) {
        links.switchTo(record, transactionId, record.lcid(),
            line.recipients().size() == 1 ? line.recipients().get(0) : null, sink);
      } else {
        localId = transactionId;
      }
    } else if (record.lcid() == null) {
      sink.accept(new Unparsed(record.header(null), "an LCID or a sender to tie the queue line to a message"));
      return;
    }
    if (line.kind() == Kind.GAVE_UP) {
      sink.accept(new Expired(record.header(localId), line.sender()));
      return;
    }
    for (String recipient : line.recipients()) {
      sink.accept(new Observation(record.header(localId), recipient, describe(line)));
    }
  }

  static QueueLine parse(String body) {
    String lower = body.toLowerCase(Locale.ROOT);
    List<String> recipients = new ArrayList<>();
    String sender = null;
    int i = 0;
    while ((i = body.indexOf('@', i)) >= 0) {
      int start = i;
      while (start > 0 && isAddressChar(body.charAt(start - 1))) {
        start--;
      }
      int end = i + 1;
      while (end < body.length() && isAddressChar(body.charAt(end))) {
        end++;
      }
      while (end > i + 1 && body.charAt(end - 1) == '.') {
        end--; // a sentence's full stop
      }
      if (start < i && end > i + 1) {
        String address = MailAddresses.normalize(body.substring(start, end));
        if (sender == null && afterSenderLabel(lower, start)) {
          sender = address;
        } else if (!recipients.contains(address)) {
          recipients.add(address);
        }
      }
      i = end;
    }
    int reason = lower.indexOf("reason:");
    String reasonText = reason < 0 ? null : body.substring(reason + "reason:".length()).strip();
    // the keywords are Xeams' own words; the reason quotes the remote server ("quota exceeded"), which must not count
    Kind kind = Kind.of(reason < 0 ? lower : lower.substring(0, reason));
    return new QueueLine(kind, List.copyOf(recipients), sender, reasonText);
  }

  private static boolean afterSenderLabel(String lower, int addressStart) {
    int from = Math.max(0, addressStart - 24);
    String before = lower.substring(from, addressStart).stripTrailing();
    if (before.endsWith("<")) {
      before = before.substring(0, before.length() - 1).stripTrailing();
    }
    for (String label : SENDER_LABELS) {
      if (before.endsWith(label)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAddressChar(char c) {
    return c > ' ' && c < 127 && c != ',' && c != ';' && c != '<' && c != '>' && c != '(' && c != ')'
        && c != '[' && c != ']' && c != '"' && c != ':';
  }

  private static String describe(QueueLine line) {
    return line.reason() == null ? line.kind().label : line.kind().label + ": " + line.reason();
  }
}
