package org.smtptrail.core.verdict;

import java.util.Locale;

/**
 * The words of a reply that say why, without the names in it: an address or a host name is chosen by people, not by
 * the server that refused, so "&lt;spameri@example.it&gt;: Relay access denied" must not read as spam, nor
 * "host mx.blocked.example.net[192.0.2.5] said: 550 5.1.1 User unknown" as a blocklist. Removed: anything in angle
 * or square brackets, tokens with an '@', URLs, host names and IP addresses (a token with a dot between letters or
 * digits that is not an enhanced status code), and Postfix's "(in reply to ... command)" note. The rest is lower
 * case, one blank between tokens.
 */
final class ReplyWords {
  private static final String IN_REPLY_TO = "(in reply to ";

  private ReplyWords() {}

  static String of(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    StringBuilder words = new StringBuilder(lower.length());
    int i = 0;
    while (i < lower.length()) {
      char c = lower.charAt(i);
      int skipTo = switch (c) {
        case '<' -> lower.indexOf('>', i + 1);
        case '[' -> lower.indexOf(']', i + 1);
        case '(' -> lower.startsWith(IN_REPLY_TO, i) ? lower.indexOf(')', i + 1) : -1;
        default -> -1;
      };
      if (skipTo > i) {
        blank(words);
        i = skipTo + 1;
      } else if (Character.isWhitespace(c)) {
        blank(words);
        i++;
      } else {
        int end = i + 1;
        while (end < lower.length() && !Character.isWhitespace(lower.charAt(end)) && lower.charAt(end) != '<'
            && lower.charAt(end) != '[') {
          end++;
        }
        if (isName(lower, i, end)) {
          blank(words);
        } else {
          words.append(lower, i, end);
        }
        i = end;
      }
    }
    return words.toString().strip();
  }

  private static void blank(StringBuilder words) {
    if (!words.isEmpty() && words.charAt(words.length() - 1) != ' ') {
      words.append(' ');
    }
  }

  /**
   * Whether the token is an address, a URL, a host name or an IP address. An enhanced status code ("5.7.1") has
   * digits only and two dots; an IP address has three; a host name has a letter and a dot inside.
   */
  private static boolean isName(String text, int start, int end) {
    if (text.startsWith("http://", start) || text.startsWith("https://", start) || text.startsWith("www.", start)) {
      return true;
    }
    int dotsInside = 0;
    boolean letter = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '@') {
        return true;
      }
      if (Character.isLetter(c)) {
        letter = true;
      } else if (c == '.' && i > start && i + 1 < end && Character.isLetterOrDigit(text.charAt(i - 1))
          && Character.isLetterOrDigit(text.charAt(i + 1))) {
        dotsInside++;
      }
    }
    return dotsInside > 0 && (letter || dotsInside >= 3);
  }

  /** Whether {@code phrase} occurs in {@code words} starting a word (stems match: "greylist" finds "greylisted"). */
  static boolean containsAtWordStart(String words, String phrase) {
    int at = words.indexOf(phrase);
    while (at >= 0) {
      if (at == 0 || !Character.isLetterOrDigit(words.charAt(at - 1))) {
        return true;
      }
      at = words.indexOf(phrase, at + 1);
    }
    return false;
  }
}
