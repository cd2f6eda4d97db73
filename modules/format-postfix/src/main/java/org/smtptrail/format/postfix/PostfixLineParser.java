package org.smtptrail.format.postfix;

import java.time.Instant;
import java.util.List;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.credentials.Credentials;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.Discarded;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.Expired;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.MessageIdentified;
import org.smtptrail.core.event.Probed;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Received;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.Relay;
import org.smtptrail.core.event.Removed;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.core.smtp.SmtpReplies;
import org.smtptrail.core.smtp.SmtpReply;
import org.smtptrail.core.syslog.SyslogClock;
import org.smtptrail.core.syslog.SyslogNames;
import org.smtptrail.core.syslog.SyslogPrefix;

/**
 * Reads one Postfix log line into events. It scans characters instead of using regular expressions: this runs for
 * every line of every log. Lines of other programs, and Postfix lines that are not about a message (connects,
 * warnings, statistics), are skipped; a Postfix line about a message that is not understood becomes
 * {@link Unparsed}, so it is counted and stays visible.
 */
final class PostfixLineParser implements LineParser {
  private static final DeliveryStatus[] STATUSES = DeliveryStatus.values();
  /** Postfix's status word of each {@link DeliveryStatus}, by ordinal. */
  private static final String[] STATUS_WORDS = statusWords();

  /** Transports that store the message on this server rather than pass it on. */
  private static final List<String> LOCAL_SERVICES = List.of("local", "virtual", "lmtp", "pipe", "discard");

  /** Message lines known to carry no delivery fact; they are skipped rather than reported as unparsed. */
  private static final List<String> INFORMATIONAL =
      List.of("reject_warning:", "warn:", "hold:", "filter:", "redirect:", "replace:", "prepend:",
          "info:", "enabling PIX", "host ", "lost connection", "conversation with", "requeued", "placed on hold",
          "released from hold", "skipped, still being delivered", "Cannot start TLS", "sasl_", "TLS",
          "delivery temporarily suspended", "resent-message-id=", "warning:", "connect to", "Trusted TLS",
          "Untrusted TLS", "Verified TLS", "Anonymous TLS", "breaking line", "SMTPUTF8");

  private final ParseContext context;
  private final SyslogClock clock;
  /** Host and program names of this file's lines, shared instead of copied out of each line. */
  private final SyslogNames names = new SyslogNames();

  PostfixLineParser(ParseContext context) {
    this.context = context;
    this.clock = new SyslogClock(context.zone(), context.lineTimeLimit());
  }

  /** Postfix programs are named after their syslog_name, which starts with "postfix" unless renamed. */
  static boolean isPostfixProgram(String program) {
    return program.startsWith("postfix");
  }

  @Override
  public void parse(SourceLine line, EventSink sink) {
    String text = withoutExportResidue(line.text());
    SyslogPrefix syslog = SyslogPrefix.parse(text, names);
    if (syslog == null) {
      sink.accept(new Unparsed(header(line, null, context.hostLabel(), null, null),
          "a syslog line: timestamp, host, program[pid]: text"));
      return;
    }
    if (!isPostfixProgram(syslog.program())) {
      sink.skipped(line);
      return;
    }
    Instant time = clock.toInstant(text, syslog);
    int start = syslog.textStart();
    if (time == null) {
      sink.accept(new Unparsed(header(line, null, syslog.host(), syslog.program(), null), "a valid timestamp"));
      return;
    }
    if (text.startsWith("NOQUEUE: ", start)) {
      int body = start + "NOQUEUE: ".length();
      if (text.startsWith("reject: ", body) || text.startsWith("milter-reject: ", body)) {
        EventHeader header = maskedFrom(header(line, time, syslog.host(), syslog.program(), null), body);
        sink.accept(rejected(header, parsedText(header), body));
      } else if (isDiscard(text, body)) {
        EventHeader header = maskedFrom(header(line, time, syslog.host(), syslog.program(), null), body);
        sink.accept(discarded(header, parsedText(header), body));
      } else {
        sink.skipped(line);
      }
      return;
    }
    int queueIdEnd = QueueIds.endOfQueueIdAt(text, start);
    if (queueIdEnd < 0) {
      sink.skipped(line); // a daemon line that is not about one message
      return;
    }
    EventHeader header =
        header(line, time, syslog.host(), syslog.program(), text.substring(start, queueIdEnd));
    parseMessageLine(header, syslog.program(), text, queueIdEnd + 2, sink);
  }

  /**
   * The header with the password fields of its line masked from {@code from} on. Postfix writes the "name=value"
   * fields of a message line itself, from a fixed set of names that hold no secret; only the free text can carry one
   * (a remote reply that echoes anything, a reject's text), and that is what is masked, so an ordinary
   * line costs one scan for '=' in its reply at most. Postfix's other credentials (the AUTH lines of -v, its SASL
   * password lookups) come in lines without a queue id, which are skipped, or, damaged, are unparsed, and
   * {@link Unparsed} masks every line it holds.
   */
  private static EventHeader maskedFrom(EventHeader header, int from) {
    SourceLine line = header.source();
    String masked = Credentials.maskFields(line.text(), from);
    return masked == line.text() ? header : withText(header, masked);
  }

  /** The text of a header's (masked) line as it is parsed: without what export tools appended to it. */
  private static String parsedText(EventHeader header) {
    return withoutExportResidue(header.source().text());
  }

  private static EventHeader withText(EventHeader header, String text) {
    SourceLine line = header.source();
    return new EventHeader(new SourceLine(line.file(), line.lineNumber(), line.byteOffset(), text), header.time(),
        header.host(), header.format(), header.program(), header.localId());
  }

  private void parseMessageLine(EventHeader header, String program, String text, int body, EventSink sink) {
    if (text.startsWith("to=", body)) {
      delivery(header, program, text, body, sink);
    } else if (text.startsWith("client=", body)) {
      int end = indexOrEnd(text, ", ", body);
      String sasl = fieldValue(text, "sasl_username=", body);
      sink.accept(new Received(header, text.substring(body + "client=".length(), end), sasl));
    } else if (text.startsWith("uid=", body)) {
      sink.accept(new Received(header, "local", null));
    } else if (text.startsWith("message-id=", body)) {
      // an identifier a mail program made, not a secret: masking it would break the joins made on it
      sink.accept(new MessageIdentified(header, text.substring(body + "message-id=".length()).strip()));
    } else if (text.startsWith("from=", body)) {
      String sender = address(text, body + "from=".length());
      if (text.indexOf("status=expired", body) >= 0) {
        sink.accept(new Expired(header, sender));
      } else {
        sink.accept(new Queued(header, sender, longField(text, "size=", body), (int) longField(text, "nrcpt=", body)));
      }
    } else if (text.startsWith("removed", body) && text.length() == body + "removed".length()) {
      sink.accept(new Removed(header, serviceIs(program, "postsuper")));
    } else if (text.startsWith("reject: ", body) || text.startsWith("milter-reject: ", body)) {
      EventHeader masked = maskedFrom(header, body);
      sink.accept(rejected(masked, parsedText(masked), body));
    } else if (isDiscard(text, body)) {
      EventHeader masked = maskedFrom(header, body);
      sink.accept(discarded(masked, parsedText(masked), body));
    } else if (!notification(header, text, body, sink)) {
      if (isInformational(text, body)) {
        sink.skipped(header.source());
      } else {
        sink.accept(new Unparsed(header, "a Postfix message event (to=, from=, client=, message-id=, removed, ...)"));
      }
    }
  }

  /** "sender non-delivery notification: NEWQID" and its siblings: a DSN was queued as a new message. */
  private static boolean notification(EventHeader header, String text, int body, EventSink sink) {
    LinkReason reason;
    if (text.startsWith("sender non-delivery notification: ", body)
        || text.startsWith("postmaster non-delivery notification: ", body)) {
      reason = LinkReason.NON_DELIVERY_NOTICE;
    } else if (text.startsWith("sender delay notification: ", body)) {
      reason = LinkReason.DELAY_NOTICE;
    } else if (text.startsWith("sender delivery status notification: ", body)) {
      reason = LinkReason.SUCCESS_NOTICE;
    } else {
      return false;
    }
    String newQueueId = text.substring(text.indexOf(": ", body) + 2).strip();
    sink.accept(new Linked(header, null, newQueueId, reason));
    return true;
  }

  private static boolean isInformational(String text, int body) {
    for (String prefix : INFORMATIONAL) {
      if (text.startsWith(prefix, body)) {
        return true;
      }
    }
    return false;
  }

  /**
   * "to=&lt;r&gt;, [orig_to=&lt;a&gt;,] relay=..., delay=..., delays=..., dsn=..., status=sent (text)"; the addresses
   * may have lost their brackets to an export tool.
   */
  private void delivery(EventHeader unmasked, String program, String unmaskedText, int body, EventSink sink) {
    EventHeader header = unmasked;
    String text = unmaskedText;
    String recipient = address(text, body + "to=".length());
    int originalAt = text.indexOf(", orig_to=", body);
    String originalRecipient = originalAt >= 0 ? address(text, originalAt + ", orig_to=".length()) : null;
    int statusAt = text.indexOf(", status=", body);
    if (recipient == null || statusAt < 0) {
      sink.accept(new Unparsed(header, "to=<recipient>, ..., status=WORD (text)"));
      return;
    }
    int wordStart = statusAt + ", status=".length();
    int wordEnd = wordStart;
    while (wordEnd < text.length() && Character.isLetter(text.charAt(wordEnd))) {
      wordEnd++;
    }
    DeliveryStatus status = status(text, wordStart, wordEnd);
    header = maskedFrom(header, wordEnd); // the detail: Postfix's or the remote's text
    text = parsedText(header);
    if (status == null) {
      Boolean deliverable = probeAnswer(text, wordStart);
      if (deliverable == null) {
        sink.accept(new Unparsed(header,
            "status=sent|deferred|bounced|expired, or a probe's deliverable|undeliverable"));
      } else {
        String detail = parenthesised(text, wordStart);
        sink.accept(new Probed(header, recipient, deliverable, relay(text, body), reply(text, body, detail),
            detail));
      }
      return;
    }
    String detail = parenthesised(text, wordEnd);
    if (status == DeliveryStatus.SENT && serviceIs(program, "discard")) {
      // discard(8) "delivers" by throwing the mail away, and logs its next hop as the reason
      sink.accept(new Discarded(header, recipient, originalRecipient, null, null, "the discard(8) transport",
          detail));
      return;
    }
    SmtpReply reply = reply(text, body, detail);
    boolean local = isLocalService(program) && !(serviceIs(program, "lmtp") && queuedAgain(detail));
    sink.accept(new DeliveryAttempt(header, recipient, originalRecipient, status, local,
        relay(text, body), reply, detail, delaySeconds(text, body)));
    if (detail != null && detail.startsWith("forwarded as ")) {
      sink.accept(new Linked(header, recipient, detail.substring("forwarded as ".length()).strip(),
          LinkReason.FORWARDED));
    }
  }

  /** The reply in the parenthesised detail, its enhanced code filled from "dsn=" when it has none; or dsn= alone. */
  private static SmtpReply reply(String text, int body, String detail) {
    String dsn = fieldValue(text, "dsn=", body);
    SmtpReply reply = SmtpReplies.find(detail);
    if (reply == null) {
      return dsn == null ? null : new SmtpReply(0, dsn, null);
    }
    return reply.enhancedStatus() == null && dsn != null ? new SmtpReply(reply.code(), dsn, reply.text()) : reply;
  }

  /**
   * The answer of an address-verification probe in the status word at {@code from}: Postfix writes "deliverable",
   * "undeliverable" (a permanent or a temporary refusal) or, when negative answers are not cached,
   * "undeliverable-but-not-cached" (global/verify.c, sent.c, bounce.c, defer.c). Null for any other word.
   */
  private static Boolean probeAnswer(String text, int from) {
    if (wordAt(text, from, "deliverable")) {
      return Boolean.TRUE;
    }
    if (wordAt(text, from, "undeliverable") || wordAt(text, from, "undeliverable-but-not-cached")) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** Whether {@code word} is at {@code from}, followed by the end, a blank or a ','. */
  private static boolean wordAt(String text, int from, String word) {
    int end = from + word.length();
    return text.startsWith(word, from) && (end == text.length() || text.charAt(end) == ' '
        || text.charAt(end) == ',');
  }

  private static DeliveryStatus status(String text, int from, int to) {
    for (DeliveryStatus status : STATUSES) {
      String word = STATUS_WORDS[status.ordinal()];
      if (to - from == word.length() && text.startsWith(word, from)) {
        return status;
      }
    }
    return null;
  }

  /**
   * "reject: RCPT from host[ip]: 550 5.1.1 &lt;r&gt;: Recipient address rejected: ...; from=&lt;s&gt; to=&lt;r&gt;
   * proto=ESMTP helo=&lt;h&gt;", from smtpd (with or without a queue id, at any stage: CONNECT, EHLO, MAIL, VRFY, ...
   * name no recipient), postscreen, or cleanup (header/body checks, milters; the reply after the envelope). A refusal
   * without a reply code ("too many connections", a milter's "5.7.1 Spam") keeps its text as the reply.
   */
  private static Rejected rejected(EventHeader header, String text, int body) {
    ActionLine line = ActionLine.parse(text, body);
    String own = line.content() ? line.after() : line.what();
    SmtpReply reply = SmtpReplies.find(own);
    if (reply == null && own != null && !own.isBlank()) {
      reply = new SmtpReply(0, SmtpReplies.enhancedStatusAt(own, 0), own.strip());
    }
    return new Rejected(header, line.recipient(), line.sender(), line.client(), line.stage(), reply);
  }

  /** "discard: " (a DISCARD action of smtpd restrictions or of header/body checks) or "milter-discard: ". */
  private static boolean isDiscard(String text, int body) {
    return text.startsWith("discard: ", body) || text.startsWith("milter-discard: ", body);
  }

  /**
   * "discard: RCPT from host[ip]: &lt;a&gt;: Sender address triggers DISCARD action; from=&lt;s&gt; to=&lt;r&gt; ..."
   * from smtpd (an access rule or policy service said DISCARD), "milter-discard: END-OF-MESSAGE from host[ip]: milter
   * triggers DISCARD action; ..." (a milter), "discard: header Subject: ... from host[ip]; from=... helo=&lt;h&gt;:
   * optional text" from cleanup (header_checks, body_checks). The whole message is thrown away; the line names its
   * first recipient at most.
   */
  private static Discarded discarded(EventHeader header, String text, int body) {
    ActionLine line = ActionLine.parse(text, body);
    String rule;
    String reason;
    if (line.content()) {
      rule = "a " + line.stage() + "_checks DISCARD rule";
      reason = line.stage() + " " + line.what() + (line.after() == null ? "" : ": " + line.after());
    } else {
      rule = (text.startsWith("milter-", body) ? "a milter" : "a DISCARD action of the smtpd restrictions")
          + " at " + line.stage();
      reason = line.what().isEmpty() ? null : line.what();
    }
    return new Discarded(header, line.recipient(), null, line.sender(), line.client(), rule, reason);
  }


  private static String[] statusWords() {
    String[] words = new String[STATUSES.length];
    for (DeliveryStatus status : STATUSES) {
      words[status.ordinal()] = switch (status) {
        case SENT -> "sent";
        case DEFERRED -> "deferred";
        case BOUNCED -> "bounced";
        case EXPIRED -> "expired";
      };
    }
    return words;
  }

  /**
   * The "relay=" field: "host[ip]:port" or a transport word; null for "none", Postfix's word for "no server was
   * reached", or when absent. Read in place: only the parts kept are copied.
   */
  private static Relay relay(String text, int from) {
    int start = fieldStart(text, "relay=", from);
    if (start < 0) {
      return null;
    }
    int end = fieldEnd(text, start);
    if (end - start == "none".length() && text.startsWith("none", start)) {
      return null;
    }
    int open = text.indexOf('[', start);
    int close = text.lastIndexOf(']', end - 1);
    if (open < 0 || open >= end || close < open) {
      return new Relay(text.substring(start, end), null, -1);
    }
    int port = -1;
    if (close + 1 < end && text.charAt(close + 1) == ':') {
      try {
        port = Integer.parseInt(text, close + 2, end, 10);
      } catch (NumberFormatException notAPort) {
        port = -1;
      }
    }
    return new Relay(text.substring(start, open), text.substring(open + 1, close), port);
  }

  /**
   * The "delay=" field in seconds, or -1 when absent or not a number. Postfix writes plain decimals ("0.42", "12"),
   * read here in place; anything else goes through {@link Double#parseDouble}. A decimal of at most 15 digits is an
   * exact long, and dividing it by an exact power of ten rounds once, as parseDouble does, so both give the same
   * double.
   */
  private static double delaySeconds(String text, int from) {
    int start = fieldStart(text, "delay=", from);
    if (start < 0) {
      return -1;
    }
    int end = fieldEnd(text, start);
    long digits = 0;
    int count = 0;
    int point = -1;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9' && count < 15) {
        digits = digits * 10 + (c - '0');
        count++;
      } else if (c == '.' && point < 0 && count > 0) {
        point = i;
      } else {
        return parseDouble(text.substring(start, end));
      }
    }
    if (count == 0 || point == end - 1) {
      return parseDouble(text.substring(start, end));
    }
    return point < 0 ? digits : digits / POWERS_OF_TEN[end - point - 1];
  }

  private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
      1e13, 1e14, 1e15};

  /** The text between the " (" after the status word and the line's last ')'; null when absent. */
  private static String parenthesised(String text, int from) {
    int open = text.indexOf(" (", from);
    if (open < 0) {
      return null;
    }
    int close = text.endsWith(")") ? text.length() - 1 : text.length();
    return text.substring(open + 2, Math.max(open + 2, close));
  }

  /**
   * The address of a "from=", "to=" or "orig_to=" field starting at {@code at}: between its brackets as Postfix writes
   * it ("" for the null sender), or without brackets as some export tools leave it ("to=a@example.net, relay=...",
   * "from=, size=...") up to the next ',' or ' '. Null only for a '&lt;' that is never closed.
   */
  static String address(String text, int at) {
    if (at < text.length() && text.charAt(at) == '<') {
      return bracketed(text, at);
    }
    int start = Math.min(at, text.length());
    return text.substring(start, fieldEnd(text, start));
  }

  /**
   * The line without what export tools append to it: CSV columns left empty (",,,,", ";;;;") and trailing blanks. No
   * Postfix line ends with a separator or a blank, so nothing of Postfix's own is cut.
   */
  static String withoutExportResidue(String line) {
    int end = line.length();
    while (end > 0 && isResidue(line.charAt(end - 1))) {
      end--;
    }
    return end == line.length() ? line : line.substring(0, end);
  }

  private static boolean isResidue(char c) {
    return c == ',' || c == ';' || c == ' ' || c == '\t';
  }

  /** The address between '<' at {@code at} and its '>' ("" for the null sender); null if not bracketed. */
  private static String bracketed(String text, int at) {
    if (at >= text.length() || text.charAt(at) != '<') {
      return null;
    }
    int close = text.indexOf('>', at + 1);
    if (close < 0) {
      return null;
    }
    // a '>' inside a quoted local part ("a>b"@x) is legal; take the one followed by a separator
    while (close + 1 < text.length() && text.charAt(close + 1) != ',' && text.charAt(close + 1) != ' ') {
      int next = text.indexOf('>', close + 1);
      if (next < 0) {
        break;
      }
      close = next;
    }
    return text.substring(at + 1, close);
  }

  /** The value of "name=" up to the next ',' or ' ' (or the end), searched from {@code from}; null when absent. */
  private static String fieldValue(String text, String name, int from) {
    int start = fieldStart(text, name, from);
    return start < 0 ? null : text.substring(start, fieldEnd(text, start));
  }

  /** Where the value of "name=" starts (at {@code from} or after a blank), or -1 when absent. */
  private static int fieldStart(String text, String name, int from) {
    int at = from;
    while (true) {
      at = text.indexOf(name, at);
      if (at < 0) {
        return -1;
      }
      if (at == from || text.charAt(at - 1) == ' ') {
        return at + name.length();
      }
      at += name.length();
    }
  }

  /** Where a field value starting at {@code start} ends: at the next ',' or ' ', or the end of the line. */
  private static int fieldEnd(String text, int start) {
    int end = start;
    while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != ' ') {
      end++;
    }
    return end;
  }

  private static long longField(String text, String name, int from) {
    String value = fieldValue(text, name, from);
    if (value == null) {
      return -1;
    }
    long result = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      result = result * 10 + (c - '0');
    }
    return result;
  }

  private static double parseDouble(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }

  static int indexOrEnd(String text, String needle, int from) {
    int at = text.indexOf(needle, from);
    return at < 0 ? text.length() : at;
  }

  /** Whether the daemon, the program's last segment ("postfix/submission/smtpd" → "smtpd"), is {@code service}. */
  private static boolean serviceIs(String program, String service) {
    int start = program.lastIndexOf('/') + 1;
    return program.length() - start == service.length() && program.startsWith(service, start);
  }

  /**
   * Whether an LMTP server's reply says it queued the message again rather than stored it: a content filter on LMTP
   * (amavis: "250 2.0.0 &lt;r&gt; Ok, id=..., from MTA([127.0.0.1]:10025): 250 2.0.0 Ok: queued as 7C1D2E3F4A")
   * passed it on, to a queue whose lines may continue the journey; a mailbox store ("... Saved") did not.
   */
  private static boolean queuedAgain(String detail) {
    return detail != null && detail.contains("queued as ");
  }

  private static boolean isLocalService(String program) {
    for (String service : LOCAL_SERVICES) {
      if (serviceIs(program, service)) {
        return true;
      }
    }
    return false;
  }

  private EventHeader header(SourceLine line, Instant time, String host, String program, String queueId) {
    return new EventHeader(line, time, host != null ? host : context.hostLabel(), PostfixFormat.NAME, program,
        queueId);
  }
}
