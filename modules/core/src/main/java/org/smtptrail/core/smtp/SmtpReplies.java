package org.smtptrail.core.smtp;

/**
 * Finds SMTP replies inside log text, without regular expressions: every format quotes remote replies a little
 * differently ("host x said: 550 5.1.1 ...", "C --> 250 2.0.0 OK", "... 550 #5.1.0 Address rejected").
 */
public final class SmtpReplies {
  private SmtpReplies() {}

  /**
   * The reply that starts at {@code from} in {@code text}, if a three-digit code in 2xx-5xx starts there followed by
   * a space, '-' or the end; else null. An enhanced status code right after the code is picked up.
   */
  public static SmtpReply parseAt(CharSequence text, int from) {
    if (!isReplyCodeAt(text, from)) {
      return null;
    }
    int code = (text.charAt(from) - '0') * 100 + (text.charAt(from + 1) - '0') * 10 + (text.charAt(from + 2) - '0');
    int rest = from + 3;
    while (rest < text.length() && (text.charAt(rest) == ' ' || text.charAt(rest) == '-')) {
      rest++;
    }
    String enhanced = enhancedStatusAt(text, rest);
    return new SmtpReply(code, enhanced, text.subSequence(from, text.length()).toString().strip());
  }

  /**
   * The first reply in {@code text}: after "said: " when the text has it (Postfix), else the first three-digit code
   * that starts a word. Null when there is none.
   */
  public static SmtpReply find(CharSequence text) {
    if (text == null) {
      return null;
    }
    int said = indexOf(text, "said: ", 0);
    if (said >= 0) {
      SmtpReply reply = parseAt(text, said + 6);
      if (reply != null) {
        return reply;
      }
    }
    for (int i = 0; i + 3 <= text.length(); i++) {
      if ((i == 0 || text.charAt(i - 1) == ' ') && isReplyCodeAt(text, i)) {
        return parseAt(text, i);
      }
    }
    return null;
  }

  /**
   * An enhanced status code ({@code class.subject.detail}, class 2, 4 or 5, optionally prefixed by '#') starting at
   * {@code from}, or null.
   */
  public static String enhancedStatusAt(CharSequence text, int from) {
    int i = from;
    if (i < text.length() && text.charAt(i) == '#') {
      i++;
    }
    int start = i;
    if (i >= text.length() || "245".indexOf(text.charAt(i)) < 0) {
      return null;
    }
    i++;
    for (int part = 0; part < 2; part++) {
      if (i >= text.length() || text.charAt(i) != '.') {
        return null;
      }
      i++;
      int digits = 0;
      while (i < text.length() && Character.isDigit(text.charAt(i)) && digits < 3) {
        i++;
        digits++;
      }
      if (digits == 0) {
        return null;
      }
    }
    if (i < text.length() && !isDelimiter(text.charAt(i))) {
      return null;
    }
    return text.subSequence(start, i).toString();
  }

  private static boolean isDelimiter(char c) {
    return c == ' ' || c == ',' || c == ')' || c == ';' || c == ':';
  }

  private static boolean isReplyCodeAt(CharSequence text, int from) {
    if (from < 0 || from + 3 > text.length()) {
      return false;
    }
    char first = text.charAt(from);
    if (first < '2' || first > '5' || !isDigit(text.charAt(from + 1)) || !isDigit(text.charAt(from + 2))) {
      return false;
    }
    if (from + 3 == text.length()) {
      return true;
    }
    char after = text.charAt(from + 3);
    return after == ' ' || after == '-';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@link String#indexOf(String, int)} for any CharSequence. */
  public static int indexOf(CharSequence text, String needle, int from) {
    int last = text.length() - needle.length();
    outer:
    for (int i = Math.max(from, 0); i <= last; i++) {
      for (int j = 0; j < needle.length(); j++) {
        if (text.charAt(i + j) != needle.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
