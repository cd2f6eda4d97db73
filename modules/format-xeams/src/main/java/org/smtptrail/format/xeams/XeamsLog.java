package org.smtptrail.format.xeams;

import java.util.List;
import java.util.Locale;

/**
 * The Xeams logs smtptrail reads, told apart by file name (rotated names keep the base name:
 * {@code SmtpQueue.log.2026-03-02}, {@code SmtpQueue.log.1.gz}) or, for a file renamed beyond recognition, by the
 * shape of each record. {@link #OTHER} covers Xeams' other logs, which say nothing about outbound delivery.
 */
enum XeamsLog {
  CONVERSATION("SMTPOutboundConversation"),
  SUCCESS("OutboundAuditTrailSuccess"),
  /** "OutboundAuditTrailFalure" is how a user quoted the name once (format note §4); accepted in case it is real. */
  FAILURE("OutboundAuditTrailFailure", "OutboundAuditTrailFalure"),
  QUEUE("SmtpQueue"),
  /** Inbound conversations, IMAP/POP3, intrusion detection, the service log: same prefix, other subjects. */
  OTHER("SMTPConversation", "SMTPProxyConversation", "IMAPConversation", "POP3Conversation", "Xeams",
      "AuthTerminate", "ConnTerminate", "FromTerminate", "HelloTerminate", "rcptTerminate", "TimeoutTerminate",
      "SMTPError", "DeletedEmails", "InvalidPasswordAttempts");

  private final List<String> names;

  XeamsLog(String... names) {
    this.names = List.of(names);
  }

  /** The name Xeams gives the log, used as the events' program. */
  String program() {
    return names.get(0);
  }

  /** The log a file name belongs to, or null when the name is not one of Xeams' log names. */
  static XeamsLog ofFileName(String path) {
    String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
        .toLowerCase(Locale.ROOT);
    XeamsLog best = null;
    int bestLength = 0;
    for (XeamsLog log : values()) {
      for (String known : log.names) {
        String base = known.toLowerCase(Locale.ROOT) + ".log";
        // the longest matching base wins: "smtpconversation.log" must not claim a renamed outbound file
        if (name.startsWith(base) && base.length() > bestLength) {
          best = log;
          bestLength = base.length();
        }
      }
    }
    return best;
  }

  /** The log a record's text (after the prefix) looks like it comes from; never null (the queue is the catch-all). */
  static XeamsLog guess(String body) {
    if (body.startsWith("*") || arrowAt(body) > 0) {
      return CONVERSATION;
    }
    String lower = body.toLowerCase(Locale.ROOT);
    if (lower.contains("[failure reason")) {
      return FAILURE;
    }
    int subject = lower.indexOf("subject:");
    int firstAt = body.indexOf('@');
    int secondAt = firstAt < 0 ? -1 : body.indexOf('@', firstAt + 1);
    if (subject > 0 && secondAt > 0 && secondAt < subject) {
      return SUCCESS; // recipient and sender, then the subject
    }
    return QUEUE;
  }

  /**
   * Where the text after a conversation arrow starts ("S &lt;-- EHLO", "C --&gt; 250 ok", "&lt;-- ...",
   * "--&gt; ..."), or -1 when the body does not start with one.
   */
  static int arrowAt(String body) {
    return arrowAt(body, 0);
  }

  /** {@link #arrowAt(String)} for a body that starts at {@code from} in {@code text}: an index into text, or -1. */
  static int arrowAt(String text, int from) {
    int i = from;
    if (text.length() > i + 2 && Character.isLetter(text.charAt(i)) && text.charAt(i + 1) == ' ') {
      i += 2;
    }
    if (text.startsWith("<--", i) || text.startsWith("-->", i)) {
      int at = i + 3;
      while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
        at++;
      }
      return at;
    }
    return -1;
  }
}
