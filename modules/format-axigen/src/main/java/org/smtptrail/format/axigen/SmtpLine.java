package org.smtptrail.format.axigen;

import java.util.Locale;
import java.util.Set;
import org.smtptrail.core.smtp.SmtpReplies;
import org.smtptrail.core.smtp.SmtpReply;

/**
 * One line of an SMTP conversation as Axigen logs it at level 16. For SMTP-IN the Email Flow doc shows
 * {@code << RCPT TO: ...} for what Axigen read and {@code >> 250 Recipient accepted} for what it wrote (VERIFIED);
 * for SMTP-OUT the same markers are only INFERRED, so the direction is never trusted: a line is a reply when a reply
 * code starts it, a command when a command word does, whichever marker it has.
 *
 * @param kind    command, reply, or another protocol line ("3 bytes and final dot read")
 * @param verb    the command in upper case ("MAIL FROM", "RCPT TO", "DATA", "EHLO"), or null
 * @param address for MAIL FROM and RCPT TO, the address without brackets ("" for the null sender), else null
 * @param argument for a command, what follows the verb, stripped ("client.example.com" for EHLO), else null
 * @param reply   for a reply, the code, enhanced status and text, else null
 * @param continued true for a reply line followed by more ("250-SIZE 10485760")
 */
record SmtpLine(Kind kind, String verb, String address, String argument, SmtpReply reply, boolean continued) {
  /** What a protocol line is. */
  enum Kind { COMMAND, REPLY, OTHER }

  private static final Set<String> VERBS = Set.of("HELO", "EHLO", "LHLO", "MAIL FROM", "RCPT TO", "DATA", "BDAT",
      "QUIT", "RSET", "NOOP", "STARTTLS", "AUTH", "VRFY", "EXPN", "HELP");

  /** The protocol line that starts at {@code from}, or null when the text is not one. */
  static SmtpLine parse(String text, int from) {
    int i = from;
    boolean marked = false;
    if (i + 2 <= text.length() && isMarker(text.charAt(i), text.charAt(i + 1))) {
      marked = true;
      i += 2;
      while (i < text.length() && text.charAt(i) == ' ') {
        i++;
      }
    }
    SmtpReply reply = SmtpReplies.parseAt(text, i);
    if (reply != null) {
      boolean continued = i + 3 < text.length() && text.charAt(i + 3) == '-';
      return new SmtpLine(Kind.REPLY, null, null, null, reply, continued);
    }
    if (!marked) {
      return null;
    }
    int wordEnd = wordEnd(text, i);
    String verb = text.substring(i, wordEnd).toUpperCase(Locale.ROOT);
    int argument = wordEnd;
    if (verb.equals("MAIL") || verb.equals("RCPT")) {
      int next = skipSpaces(text, wordEnd);
      int nextEnd = wordEnd(text, next);
      String preposition = text.substring(next, nextEnd).toUpperCase(Locale.ROOT);
      if (verb.equals("MAIL") && preposition.equals("FROM") || verb.equals("RCPT") && preposition.equals("TO")) {
        verb = verb + " " + preposition;
        argument = nextEnd;
      }
    }
    if (!VERBS.contains(verb)) {
      return new SmtpLine(Kind.OTHER, null, null, null, null, false);
    }
    String address = verb.equals("MAIL FROM") || verb.equals("RCPT TO") ? address(text, argument) : null;
    return new SmtpLine(Kind.COMMAND, verb, address, text.substring(argument).strip(), null, false);
  }

  /** The direction marker ("&lt;&lt;", "&gt;&gt;", "&lt;-", "-&gt;") that starts at {@code at}, or null. */
  static String markerAt(String text, int at) {
    if (at < 0 || at + 2 > text.length() || !isMarker(text.charAt(at), text.charAt(at + 1))) {
      return null;
    }
    return switch (text.charAt(at)) {
      case '<' -> text.charAt(at + 1) == '<' ? "<<" : "<-";
      case '>' -> ">>";
      default -> "->";
    };
  }

  /** "<<", ">>", and the arrows some servers use instead ("<-", "->"). */
  private static boolean isMarker(char a, char b) {
    return a == '<' && (b == '<' || b == '-') || a == '>' && b == '>' || a == '-' && b == '>';
  }

  /** The address after "FROM"/"TO": ":" and blanks skipped, then "<addr>" or a bare word; null when missing. */
  private static String address(String text, int from) {
    int i = skipSpaces(text, from);
    if (i < text.length() && text.charAt(i) == ':') {
      i = skipSpaces(text, i + 1);
    }
    if (i >= text.length()) {
      return null;
    }
    if (text.charAt(i) == '<') {
      int close = text.indexOf('>', i + 1);
      return close < 0 ? null : text.substring(i + 1, close).strip();
    }
    int end = i;
    while (end < text.length() && text.charAt(end) != ' ') {
      end++;
    }
    return text.substring(i, end);
  }

  private static int wordEnd(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) != ' ' && text.charAt(i) != ':') {
      i++;
    }
    return i;
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}
