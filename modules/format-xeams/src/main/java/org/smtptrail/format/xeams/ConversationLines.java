package org.smtptrail.format.xeams;

import java.util.List;
import org.smtptrail.core.event.Relay;

/** Reads the parts of SMTPOutboundConversation.log lines: marker words, command arguments, the relay. */
final class ConversationLines {
  private static final List<String> FAILURE_WORDS = List.of("unable", "fail", "error", "refused", "timed out",
      "timeout", "could not", "cannot", "can't", "no server", "closed", "reset", "exception", "lost");

  private ConversationLines() {}

  static boolean isFailure(String lower) {
    for (String word : FAILURE_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** "198.51.100.25", ": mx.example.net:25", "to: 192.0.2.7 (mx.example.net)": the first word, port split off. */
  static Relay relay(String rest) {
    String s = rest.strip();
    if (s.startsWith(":")) {
      s = s.substring(1).strip();
    }
    int end = 0;
    while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != ',') {
      end++;
    }
    String target = s.substring(0, end);
    if (target.isEmpty()) {
      return null;
    }
    int colon = target.lastIndexOf(':');
    if (colon > 0 && target.indexOf(':') == colon && colon + 1 < target.length()
        && target.substring(colon + 1).chars().allMatch(c -> c >= '0' && c <= '9') && colon + 6 >= target.length()) {
      return new Relay(target.substring(0, colon), null, Integer.parseInt(target.substring(colon + 1)));
    }
    return new Relay(target, null, -1);
  }

  /** The address in "&lt;...&gt;" after the verb, or the first word when there are no brackets; null if none. */
  static String address(String text, int from) {
    String rest = text.substring(from).strip();
    if (rest.startsWith("<")) {
      int close = rest.indexOf('>');
      return close < 0 ? null : rest.substring(1, close).strip();
    }
    int end = 0;
    while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
      end++;
    }
    return end == 0 ? null : rest.substring(0, end);
  }

  /** The ESMTP SIZE= parameter of MAIL FROM, or -1. */
  static long sizeParameter(String text) {
    int at = AuditTrails.indexOfIgnoreCase(text, " SIZE=", 0);
    if (at < 0) {
      return -1;
    }
    long size = 0;
    int i = at + " SIZE=".length();
    int start = i;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 18) {
      size = size * 10 + text.charAt(i) - '0';
      i++;
    }
    return i == start ? -1 : size;
  }

  static boolean startsWithIgnoreCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
