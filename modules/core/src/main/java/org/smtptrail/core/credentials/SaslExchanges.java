package org.smtptrail.core.credentials;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Follows the SMTP {@code AUTH} exchanges (RFC 4954) of the connections in one conversation log and masks what the
 * client gives away: the initial response on the {@code AUTH} line, and every client line after it until the server's
 * final reply (the user name and password of LOGIN, PLAIN's response on a line of its own, the responses of CRAM-MD5,
 * XOAUTH2, SCRAM and any other mechanism). The server's lines ({@code 334} challenges, the final {@code 235} or
 * {@code 535}) carry no secret and are kept, as are the verb and mechanism ("AUTH LOGIN"), a client's {@code *}
 * cancel, and everything before the SMTP text (timestamp, connection id, direction).
 *
 * <p>Who said a line is judged the way the format parsers judge it, by content first: a line that starts with a reply
 * code is the server's. The direction marker only breaks ties: a line written with the marker of the {@code AUTH}
 * line is the client's even if it starts with digits. So the same code reads Xeams' outbound log (Xeams' commands as
 * "S &lt;--"), its inbound log (the client's as "C --&gt;"), and Axigen's "&lt;&lt;"/"&gt;&gt;". A {@code 334} seen
 * with no exchange open (the log starts inside one) opens one. An SMTP command from the client ("MAIL FROM:",
 * "QUIT", a new "AUTH") ends an exchange whose final reply is missing, so a lost reply never hides a message's lines.
 *
 * <p>Only open exchanges are kept, at most {@value #MAX_OPEN} (the least recently used goes first): an exchange lasts
 * a few lines, so the memory is bounded by what is in flight, not by the log. Not thread-safe: one per parser.
 */
public final class SaslExchanges {
  static final int MAX_OPEN = 1024;

  /** The markers an exchange's sides write, as far as known (null: not seen, or the log writes none). */
  private record Exchange(String clientMarker, String serverMarker) {
    boolean isServer(String marker) {
      if (marker == null) {
        return true;
      }
      return (serverMarker == null || marker.equals(serverMarker))
          && (clientMarker == null || !marker.equals(clientMarker));
    }
  }

  private final Map<String, Exchange> open = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Exchange> eldest) {
      return size() > MAX_OPEN;
    }
  };

  /**
   * One dialogue line of a connection, with what it gives away of an authentication masked; the same instance when it
   * gives nothing away.
   *
   * @param connection the connection the line belongs to (Xeams' LCID, Axigen's SERVICE:id)
   * @param line       the whole record: only the text from {@code textAt} on can change
   * @param marker     the direction as the log writes it ("S &lt;--", "C --&gt;", "&lt;&lt;"), or null
   * @param textAt     where the SMTP text (command, reply, client response) starts in {@code line}
   */
  public String mask(String connection, String line, String marker, int textAt) {
    int at = skipBlanks(line, Math.max(0, Math.min(textAt, line.length())));
    Exchange exchange = open.isEmpty() ? null : open.get(connection);
    boolean replyShaped = isReplyCodeAt(line, at);
    if (exchange == null) {
      if (replyShaped) {
        if (line.startsWith("334", at)) {
          open.put(connection, new Exchange(null, marker)); // the log starts inside an exchange
        }
        return line;
      }
      return authCommand(connection, line, marker, at);
    }
    if (replyShaped && exchange.isServer(marker)) {
      if (line.charAt(at) != '3') {
        open.remove(connection); // 235 accepted, 5xx refused, 4xx failed: the exchange is over either way
      }
      return line;
    }
    if (isCancel(line, at)) {
      return line;
    }
    if (isSmtpCommand(line, at)) {
      open.remove(connection); // the final reply was not logged
      return authCommand(connection, line, marker, at);
    }
    return maskFrom(line, at);
  }

  /** Forgets the connection's exchange: the connection closed, or a new connection took its id. */
  public void end(String connection) {
    if (!open.isEmpty()) {
      open.remove(connection);
    }
  }

  /** True while the connection is inside an AUTH exchange. */
  public boolean isOpen(String connection) {
    return !open.isEmpty() && open.containsKey(connection);
  }

  /** How many exchanges are open (for tests: the memory stays bounded). */
  int openExchanges() {
    return open.size();
  }

  /** A client line: when it is "AUTH mechanism [initial-response]", opens an exchange and masks the response. */
  private String authCommand(String connection, String line, String marker, int at) {
    if (at >= line.length() || (line.charAt(at) | 0x20) != 'a' || !line.regionMatches(true, at, "AUTH", 0, 4)
        || at + 4 < line.length() && line.charAt(at + 4) != ' ') {
      return line; // most lines stop at the first letter: MAIL, RCPT, DATA, EHLO
    }
    open.put(connection, new Exchange(marker, null));
    int mechanism = skipBlanks(line, at + 4);
    int mechanismEnd = mechanism;
    while (mechanismEnd < line.length() && line.charAt(mechanismEnd) != ' ') {
      mechanismEnd++;
    }
    return maskFrom(line, skipBlanks(line, mechanismEnd));
  }

  /** The line with everything from {@code at} on replaced by the mask; unchanged when that is empty or masked. */
  private static String maskFrom(String line, int at) {
    if (at >= line.length() || Credentials.isMaskAt(line, at)) {
      return line;
    }
    return line.substring(0, at) + Credentials.MASK;
  }

  /** "*": the client cancels (RFC 4954 §4); the server then answers 501. Not a secret: base64 has no '*'. */
  private static boolean isCancel(String line, int at) {
    return at < line.length() && line.charAt(at) == '*' && line.substring(at + 1).isBlank();
  }

  /**
   * True when the client line is an SMTP command, not a response: a verb followed by a blank or a colon (base64 has
   * neither), or one of the bare verbs. A bare verb could in theory be a base64 response ("QUIT" decodes to three
   * bytes), but no user name or password encodes to one.
   */
  static boolean isSmtpCommand(String line, int at) {
    int end = at;
    while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != ':') {
      end++;
    }
    int length = end - at;
    if (length != 4 && length != 8) {
      return false;
    }
    boolean followed = end < line.length();
    for (String verb : new String[] {"MAIL", "RCPT", "EHLO", "HELO", "LHLO", "AUTH", "BDAT", "VRFY", "EXPN"}) {
      if (length == 4 && line.regionMatches(true, at, verb, 0, 4)) {
        return followed || verb.equals("AUTH");
      }
    }
    for (String verb : new String[] {"DATA", "QUIT", "RSET", "NOOP", "HELP", "STARTTLS"}) {
      if (length == verb.length() && line.regionMatches(true, at, verb, 0, length)) {
        return line.substring(end).isBlank();
      }
    }
    return false;
  }

  private static boolean isReplyCodeAt(String line, int at) {
    if (at + 3 > line.length() || line.charAt(at) < '2' || line.charAt(at) > '5' || !isDigit(line.charAt(at + 1))
        || !isDigit(line.charAt(at + 2))) {
      return false;
    }
    return at + 3 == line.length() || line.charAt(at + 3) == ' ' || line.charAt(at + 3) == '-';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int skipBlanks(String text, int from) {
    int i = from;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
