package org.smtptrail.format.xeams;

import java.util.List;
import java.util.Locale;
import org.smtptrail.core.smtp.SmtpReplies;

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

  /**
   * The log a record's text (after the prefix) looks like it comes from; never null (the queue is the catch-all). A
   * conversation line is an outbound one ({@link #CONVERSATION}) or an inbound one ({@link #OTHER}) by its content
   * ({@link #isInbound}).
   */
  static XeamsLog guess(String body) {
    if (body.startsWith("*") || arrowAt(body) > 0) {
      return isInbound(body) ? OTHER : CONVERSATION;
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
   * Whether a conversation line is from an inbound session (SMTPConversation.log: a remote client talking to Xeams)
   * rather than an outbound one (Xeams talking to a remote server). Both logs write what the client sent with one arrow
   * and what the server answered with the other, but the client is the remote one inbound and Xeams outbound, so the
   * arrows swap: inbound, the client's commands are {@code C -->} and Xeams' replies {@code S <--}; outbound, Xeams'
   * commands are {@code S <--} and the remote replies {@code C -->} (format note §2 and "Confirmed from public real
   * lines"). A line is a reply when a reply code starts its text, whatever its letters say, so the direction is told by
   * the arrow and the content together; a connection marker says "connection from" inbound, "connection to" outbound.
   */
  static boolean isInbound(String body) {
    if (body.startsWith("*")) {
      String lower = body.toLowerCase(Locale.ROOT);
      return lower.contains("connection from") && !lower.contains("connection to");
    }
    int text = arrowAt(body);
    if (text < 0) {
      return false;
    }
    boolean towardsTheRight = body.indexOf("-->") >= 0 && body.indexOf("-->") < text;
    boolean reply = SmtpReplies.parseAt(body, text) != null;
    return towardsTheRight != reply; // inbound: "--> command" or "<-- reply"
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
