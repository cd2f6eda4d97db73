package org.smtptrail.format.axigen;

import java.util.List;
import java.util.Locale;

/** Small text helpers the Axigen line kinds share: bracketed addresses, angle-bracketed mail addresses, noise. */
final class AxigenText {
  /**
   * SMTP-IN lines that are well understood and decide nothing (VERIFIED in the format note: SPF, authentication
   * errors, the smtpFilters policy lines, greylisting on or off); they are skipped rather than reported.
   */
  private static final List<String> SMTP_IN_NOISE = List.of("SPF result", "Authentication", "Set smtp ",
      "Greylist", "User ", "STARTTLS", "TLS ", "SSL ");

  /** Words of a connection that failed (INFERRED wording: any of them marks an SMTP-OUT connect line a failure). */
  private static final List<String> FAILURE_WORDS = List.of("fail", "refused", "timed out", "timeout",
      "unreachable", "error", "could not", "cannot", "unable", "reset");

  private AxigenText() {}

  /** The content of the first "[...]" after {@code marker} (searched from {@code from}), or null. */
  static String bracketAfter(String text, String marker, int from) {
    int at = text.indexOf(marker, from);
    if (at < 0) {
      return null;
    }
    int open = text.indexOf('[', at + marker.length());
    int close = open < 0 ? -1 : text.indexOf(']', open);
    return close < 0 ? null : text.substring(open + 1, close);
  }

  /** The content of the last "[...]" from {@code from} on, or null. */
  static String lastBracket(String text, int from) {
    int open = text.lastIndexOf('[');
    int close = open < from ? -1 : text.indexOf(']', open);
    return close < 0 ? null : text.substring(open + 1, close);
  }

  /** "192.0.2.10:25" → "192.0.2.10"; an IPv6 address or a bare address is returned unchanged. */
  static String addressOf(String ipAndPort) {
    int colon = ipAndPort.lastIndexOf(':');
    return colon > 0 && ipAndPort.indexOf(':') == colon ? ipAndPort.substring(0, colon) : ipAndPort;
  }

  /** The port of "192.0.2.10:25", or -1. */
  static int portOf(String ipAndPort) {
    int colon = ipAndPort.lastIndexOf(':');
    if (colon <= 0 || ipAndPort.indexOf(':') != colon || colon == ipAndPort.length() - 1) {
      return -1;
    }
    int port = 0;
    for (int i = colon + 1; i < ipAndPort.length(); i++) {
      char c = ipAndPort.charAt(i);
      if (c < '0' || c > '9' || port > 65_535) {
        return -1;
      }
      port = port * 10 + (c - '0');
    }
    return port;
  }

  /** The address between the first '&lt;' at or after {@code from} and its '&gt;', or null. */
  static String angleAddress(String text, int from) {
    int open = text.indexOf('<', from);
    int close = open < 0 ? -1 : text.indexOf('>', open);
    return close < 0 ? null : text.substring(open + 1, close);
  }

  static boolean isSmtpInNoise(String text, int at) {
    for (String prefix : SMTP_IN_NOISE) {
      if (text.startsWith(prefix, at)) {
        return true;
      }
    }
    return false;
  }

  static boolean soundsLikeFailure(String text, int at) {
    String lower = text.substring(at).toLowerCase(Locale.ROOT);
    for (String word : FAILURE_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  static boolean containsIgnoreCase(String text, String word, int from) {
    return text.substring(from).toLowerCase(Locale.ROOT).contains(word);
  }
}
