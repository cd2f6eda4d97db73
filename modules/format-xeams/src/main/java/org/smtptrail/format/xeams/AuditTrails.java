package org.smtptrail.format.xeams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Relay;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.core.smtp.SmtpReplies;
import org.smtptrail.core.smtp.SmtpReply;

/**
 * Reads OutboundAuditTrailSuccess.log and OutboundAuditTrailFailure.log: one line per recipient and attempt.
 *
 * <p>Failure (layout verified, format note §4): {@code host,recipient,sender,size,[Failure reason: TEXT],Subject: S},
 * where TEXT may end with the remote server's line break, so {@code ]} sits on the next physical line. Success
 * (layout inferred, §3): {@code recipient,sender,Subject: S}, and an optional leading host and numeric field are
 * accepted in case a version writes them. Fields are separated by commas (or tabs); subjects may hold either, so
 * the subject is everything after the last field that is understood.
 *
 * <p>Both carry the envelope sender, so the first line of a transaction also tells it ({@link Queued}, without a size:
 * the failure line's number is only probably one): a message known from the audit trails alone has its sender.
 *
 * <p>A success line is a hand-over for that recipient. A failure line is written for every failed attempt, including
 * those Xeams will retry (format note §4): a 5xx reply makes it a bounce, anything else (4xx, or no code at all,
 * such as "No Server Listening on Port 25") a deferral.
 */
final class AuditTrails {
  private static final String EXPECTED_SUCCESS = "recipient,sender,Subject: subject";
  private static final String EXPECTED_FAILURE =
      "host,recipient,sender,size,[Failure reason: text],Subject: subject";

  /**
   * The fields of one audit line.
   *
   * @param host      the remote server (IP or name), or null when the line has none
   * @param recipient the recipient
   * @param sender    the envelope sender ("" for the null sender)
   * @param size      the unlabelled number of the failure line (probably the size), or -1
   * @param reason    the failure reason, or null on a success line
   * @param subject   the subject, or null when the line has none
   */
  record AuditLine(String host, String recipient, String sender, long size, String reason, String subject) {}

  private final TransactionLinks links;
  /** The transactions whose sender this parser has told already. */
  private final Map<String, String> envelopes = TransactionLinks.bounded();

  AuditTrails(TransactionLinks links) {
    this.links = links;
  }

  void accept(XeamsRecord record, EventSink sink) {
    boolean failure = record.log() == XeamsLog.FAILURE;
    AuditLine line = parse(record.body(), failure);
    if (line == null) {
      sink.accept(new Unparsed(record.header(record.lcid()), failure ? EXPECTED_FAILURE : EXPECTED_SUCCESS));
      return;
    }
    String transactionId = record.lcid() != null ? TransactionLinks.transactionId(record.lcid(), line.sender())
        // no LCID: the line can still join a message waiting for this recipient; else it is a message of its own
        : TransactionLinks.transactionId("@" + record.time().toEpochMilli(), line.sender());
    links.join(record, transactionId, line.recipient(),
        TransactionLinks.pendingId(line.sender(), line.recipient(), line.subject()), sink);
    String localId = transactionId;
    if (record.lcid() != null) {
      links.switchTo(record, transactionId, record.lcid(), line.recipient(), sink);
      localId = record.lcid();
    }
    if (envelopes.put(transactionId, line.sender()) == null) {
      // the message's sender, once per transaction: the audit line may be all the logs say of it (no conversation)
      sink.accept(new Queued(record.header(localId), line.sender(), -1, -1));
    }
    Relay relay = line.host() == null || line.host().isEmpty() ? null : new Relay(line.host(), null, -1);
    if (!failure) {
      sink.accept(new DeliveryAttempt(record.header(localId), line.recipient(), null, DeliveryStatus.SENT, false,
          relay, null, null, -1));
      return;
    }
    SmtpReply reply = SmtpReplies.find(line.reason());
    DeliveryStatus status = reply != null && reply.isPermanent() ? DeliveryStatus.BOUNCED : DeliveryStatus.DEFERRED;
    sink.accept(new DeliveryAttempt(record.header(localId), line.recipient(), null, status, false, relay, reply,
        line.reason(), -1));
  }

  /** The fields of a success or failure line, or null when the line does not have them. */
  static AuditLine parse(String body, boolean failure) {
    char separator = separator(body);
    int reasonOpen = -1;
    int reasonClose = -1;
    int subjectStart = -1;
    if (failure) {
      reasonOpen = indexOfIgnoreCase(body, "[failure reason", 0);
      if (reasonOpen < 0) {
        reasonOpen = body.indexOf(separator + "[");
        reasonOpen = reasonOpen < 0 ? -1 : reasonOpen + 1;
      }
      if (reasonOpen < 0) {
        return null;
      }
      reasonClose = lastIndexOfIgnoreCase(body, "]" + separator + "subject:");
      if (reasonClose < reasonOpen) {
        reasonClose = body.lastIndexOf(']');
      }
      if (reasonClose < reasonOpen) {
        return null;
      }
      subjectStart = reasonClose + 1 < body.length() && body.charAt(reasonClose + 1) == separator
          ? reasonClose + 2 : reasonClose + 1;
    }
    String head = failure ? body.substring(0, reasonOpen) : body;
    List<String> fields = split(head, separator);
    int i = 0;
    String host = null;
    if (fields.size() > 1 && !isAddress(fields.get(0)) && isAddress(fields.get(1))) {
      host = fields.get(0).strip();
      i = 1;
    }
    if (i >= fields.size() || !isAddress(fields.get(i))) {
      return null;
    }
    String recipient = bare(fields.get(i++));
    String sender = null;
    if (i < fields.size() && (isAddress(fields.get(i)) || isNullSender(fields.get(i)))) {
      sender = bare(fields.get(i++));
    }
    long size = -1;
    if (i < fields.size() && !fields.get(i).isBlank() && fields.get(i).strip().chars().allMatch(Character::isDigit)
        && fields.get(i).strip().length() < 19) {
      size = Long.parseLong(fields.get(i++).strip());
    }
    if (sender == null) {
      return null;
    }
    String subject;
    String reason = null;
    if (failure) {
      if (i < fields.size() && !(i == fields.size() - 1 && fields.get(i).isBlank())) {
        return null; // something between the fields and the reason that is not understood
      }
      reason = clean(stripLabel(body.substring(reasonOpen + 1, reasonClose), "failure reason"));
      subject = subjectStart >= body.length() ? null : stripLabel(body.substring(subjectStart), "subject");
    } else {
      subject = i >= fields.size() ? null : stripLabel(String.join(String.valueOf(separator),
          fields.subList(i, fields.size())), "subject");
    }
    return new AuditLine(host, recipient, sender, size, reason, subject == null ? null : subject.strip());
  }

  /** Tabs separate the fields when one comes before the first comma; else commas do. */
  private static char separator(String body) {
    int comma = body.indexOf(',');
    int tab = body.indexOf('\t');
    return tab >= 0 && (comma < 0 || tab < comma) ? '\t' : ',';
  }

  /**
   * The fields up to "Subject:" (which starts the rest, commas and all); a success line without that label is split
   * everywhere, and the fields after the addresses and the number are its subject.
   */
  private static List<String> split(String head, char separator) {
    List<String> fields = new ArrayList<>();
    int subject = indexOfIgnoreCase(head, separator + "subject:", 0);
    int end = subject < 0 ? head.length() : subject;
    int start = 0;
    for (int i = 0; i <= end; i++) {
      if (i == end || head.charAt(i) == separator) {
        fields.add(head.substring(start, i));
        start = i + 1;
      }
    }
    if (subject >= 0) {
      fields.add(head.substring(subject + 1));
    }
    return fields;
  }

  static boolean isAddress(String field) {
    String s = field.strip();
    int at = s.indexOf('@');
    if (at <= 0 || at == s.length() - 1 || s.startsWith("[")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNullSender(String field) {
    String s = field.strip();
    return s.isEmpty() || s.equals("<>");
  }

  private static String bare(String address) {
    String s = address.strip();
    if (s.startsWith("<") && s.endsWith(">")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }

  /** The text after "label:" (case-insensitive) when it starts with it, else the text. */
  private static String stripLabel(String text, String label) {
    String s = text.stripLeading();
    if (s.regionMatches(true, 0, label, 0, label.length())) {
      int colon = label.length();
      while (colon < s.length() && s.charAt(colon) == ' ') {
        colon++;
      }
      if (colon < s.length() && s.charAt(colon) == ':') {
        return s.substring(colon + 1).stripLeading();
      }
    }
    return s;
  }

  /** A reason with its line breaks (the remote reply's CR/LF) turned into blanks. */
  private static String clean(String reason) {
    return reason.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
  }

  static int indexOfIgnoreCase(String text, String needle, int from) {
    for (int i = Math.max(0, from); i + needle.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOfIgnoreCase(String text, String needle) {
    for (int i = text.length() - needle.length(); i >= 0; i--) {
      if (text.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }
}
