package org.smtptrail.core.credentials;

import java.util.Locale;
import java.util.Set;

/**
 * Masks the credentials a single line can give away on its own, whatever the format: a password-like field
 * ({@code password=...}, {@code sasl_password=...}, {@code pass=...}, {@code pwd="..."}), Postfix's verbose
 * {@code pass `...'}, and the initial response of an {@code AUTH} command ({@code AUTH PLAIN <base64>}). The secret is
 * replaced by {@link #MASK}; everything else (the key, the verb, the mechanism, the rest of the line) is kept. What
 * only a dialogue reveals (the client lines after {@code AUTH LOGIN}) is {@link SaslExchanges}' job.
 *
 * <p>This runs for every line a parser turns into evidence, so it scans with {@link String#indexOf} (vectorised by
 * the JIT) and looks closer only where a line has a {@code '='}, a backquote or "uth ": no regular expression.
 */
public final class Credentials {
  /** What replaces a secret. It holds a blank, so it can never be mistaken for a base64 response. */
  public static final String MASK = "[credentials masked]";

  /**
   * Key endings of a secret field, compared case-insensitively: "sasl_password", "smtp_pass", "PWD", "client_secret",
   * "access_token". A user name ("sasl_username") is not a secret and is kept.
   */
  private static final String[] SECRET_KEY_ENDINGS = {"password", "passwd", "pass", "pwd", "passphrase", "secret",
      "token"};
  /** SASL mechanisms (RFC 4422 registry and common vendor ones); others are recognised by being upper case. */
  private static final Set<String> MECHANISMS = Set.of("PLAIN", "LOGIN", "CRAM-MD5", "DIGEST-MD5", "XOAUTH2",
      "XOAUTH", "OAUTHBEARER", "NTLM", "GSSAPI", "GS2-KRB5", "EXTERNAL", "ANONYMOUS", "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS",
      "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS", "SRP", "OTP", "KERBEROS_V4", "MSN");
  private static final int MAX_MECHANISM = 20;

  private Credentials() {}

  /** The line with every credential it shows on its own masked; the same instance when it shows none. */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = maskFields(text);
    masked = maskQuotedPasswords(masked);
    return maskAuthCommands(masked);
  }

  /** True when {@code text} is the mask, at {@code at}: a secret there was masked already. */
  static boolean isMaskAt(String text, int at) {
    return text.startsWith(MASK, at);
  }

  /**
   * Only the password fields of {@link #mask}: for lines whose shape is known to hold no SMTP command and no Postfix
   * verbose lookup (a Postfix message line). This is the hot path: one vectorised scan for '=' and two characters
   * looked at before each one, so the "key=value" fields of an ordinary delivery line cost next to nothing.
   */
  public static String maskFields(String text) {
    return maskFields(text, 0);
  }

  /**
   * {@link #maskFields(String)} for the fields whose '=' is at or after {@code from}: the free text of a line whose
   * start a parser knows to be its own structured fields (Postfix's "to=&lt;..&gt;, relay=.., status=sent" before a
   * remote reply). The text before {@code from} is never changed.
   */
  public static String maskFields(String text, int from) {
    if (text == null) {
      return null;
    }
    for (int eq = text.indexOf('=', Math.max(from, 0)); eq >= 0; eq = text.indexOf('=', eq + 1)) {
      if (mayEndSecretKey(text, eq)) {
        return maskFieldsFrom(text, eq);
      }
    }
    return text;
  }

  /**
   * A quick look at the two characters before '=': could the key end like a secret ("..ss", "..wd", "..rd", "..se",
   * "..et", "..en")? Postfix's own keys ("status", "delays", "message-id", "size", "client", "dsn") all fail here. A
   * blank before '=' ("password = x") is left to the full check.
   */
  private static boolean mayEndSecretKey(String text, int eq) {
    if (eq < 3) {
      return false;
    }
    char last = text.charAt(eq - 1);
    if (last == ' ') {
      return true;
    }
    char before = (char) (text.charAt(eq - 2) | 0x20);
    return switch ((char) (last | 0x20)) {
      case 's' -> before == 's';
      case 'd' -> before == 'w' || before == 'r';
      case 'e' -> before == 's';
      case 't', 'n' -> before == 'e';
      default -> false;
    };
  }

  /** "key=value" (blanks around '=' allowed) where the key ends like a password: the value is masked. */
  private static String maskFieldsFrom(String text, int firstEq) {
    StringBuilder out = null;
    int copied = 0;
    int eq = firstEq;
    while (eq >= 0) {
      int keyEnd = eq;
      while (keyEnd > 0 && text.charAt(keyEnd - 1) == ' ') {
        keyEnd--;
      }
      int next = eq + 1;
      if (endsWithSecretKey(text, keyEnd)) {
        // blanks after '=' only when there are blanks before it ("password = x"): "password= user=x" masks nothing
        int start = keyEnd < eq ? skipBlanks(text, eq + 1) : eq + 1;
        char quote = start < text.length() ? text.charAt(start) : 0;
        int end;
        if (quote == '"' || quote == '\'') {
          start++;
          int close = text.indexOf(quote, start);
          end = close < 0 ? text.length() : close;
        } else {
          end = valueEnd(text, start);
        }
        if (end > start && !isMaskAt(text, start)) {
          out = out == null ? new StringBuilder(text.length() + MASK.length()) : out;
          out.append(text, copied, start).append(MASK);
          copied = end;
        }
        next = Math.max(next, end);
      }
      eq = next < text.length() ? text.indexOf('=', next) : -1;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** Postfix -v: "smtp_sasl_passwd_lookup: host `relay' user `u' pass `secret'": the quoted value is masked. */
  private static String maskQuotedPasswords(String text) {
    int tick = text.indexOf('`');
    if (tick < 0) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    while (tick >= 0) {
      int next = tick + 1;
      if (tick > 1 && text.charAt(tick - 1) == ' ' && endsWithSecretKey(text, tick - 1)) {
        int close = text.indexOf('\'', tick + 1);
        int end = close < 0 ? text.length() : close;
        if (end > tick + 1 && !isMaskAt(text, tick + 1)) {
          out = out == null ? new StringBuilder(text.length() + MASK.length()) : out;
          out.append(text, copied, tick + 1).append(MASK);
          copied = end;
        }
        next = Math.max(next, end);
      }
      tick = next < text.length() ? text.indexOf('`', next) : -1;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /**
   * "AUTH PLAIN &lt;initial response&gt;" anywhere in the line (a conversation line, Postfix's verbose "&lt;
   * host[ip]: AUTH PLAIN ..."): the response is masked. Not in a reply ("250-AUTH PLAIN LOGIN" lists mechanisms), and
   * only after a word that is a SASL mechanism, so prose ("Auth failed for ...") is left alone.
   */
  private static String maskAuthCommands(String text) {
    if (text.indexOf("UTH ") < 0 && text.indexOf("uth ") < 0) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    for (int at = indexOfAuth(text, 0); at >= 0; at = indexOfAuth(text, at + 4)) {
      if (at > 0 && !isCommandBoundary(text.charAt(at - 1)) || isReplyBefore(text, at)) {
        continue;
      }
      int responseAt = initialResponseAt(text, at);
      if (responseAt < 0) {
        continue;
      }
      int end = responseAt;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      out = out == null ? new StringBuilder(text.length() + MASK.length()) : out;
      out.append(text, copied, responseAt).append(MASK);
      copied = end;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /**
   * Where the initial response of the AUTH command at {@code at} starts, or -1 when the command has none (or it is
   * masked already, or the word after AUTH is no mechanism). {@code at} must point at "AUTH " (any case).
   */
  static int initialResponseAt(String text, int at) {
    int mechanism = skipBlanks(text, at + 4);
    int mechanismEnd = mechanism;
    while (mechanismEnd < text.length() && !Character.isWhitespace(text.charAt(mechanismEnd))) {
      mechanismEnd++;
    }
    if (!isMechanism(text, mechanism, mechanismEnd)) {
      return -1;
    }
    int response = skipBlanks(text, mechanismEnd);
    if (response >= text.length() || isMaskAt(text, response)) {
      return -1;
    }
    int responseEnd = response;
    while (responseEnd < text.length() && !Character.isWhitespace(text.charAt(responseEnd))) {
      responseEnd++;
    }
    // "AUTH PLAIN LOGIN CRAM-MD5" lists mechanisms (a capability in prose); no base64 response is a mechanism name
    return isKnownMechanism(text, response, responseEnd) ? -1 : response;
  }

  /** The next "AUTH " ("Auth ", "auth ") at or after {@code from}, or -1. */
  private static int indexOfAuth(String text, int from) {
    int uth = indexOfUth(text, Math.max(from + 1, 1));
    while (uth >= 0) {
      if ((text.charAt(uth - 1) | 0x20) == 'a') {
        return uth - 1;
      }
      uth = indexOfUth(text, uth + 1);
    }
    return -1;
  }

  /** The next "UTH " or "uth " at or after {@code from}, or -1. */
  private static int indexOfUth(String text, int from) {
    int upper = text.indexOf("UTH ", from);
    int lower = text.indexOf("uth ", from);
    return upper < 0 ? lower : lower < 0 ? upper : Math.min(upper, lower);
  }

  private static boolean isKnownMechanism(String text, int from, int to) {
    return to - from <= MAX_MECHANISM && MECHANISMS.contains(text.substring(from, to).toUpperCase(Locale.ROOT));
  }

  private static boolean isMechanism(String text, int from, int to) {
    if (to - from < 2 || to - from > MAX_MECHANISM) {
      return false;
    }
    if (isKnownMechanism(text, from, to)) {
      return true;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** What may stand before a command in a line: a blank, or the end of a prefix ("host[ip]:", "&lt;&lt;", "--&gt;"). */
  private static boolean isCommandBoundary(char c) {
    return c == ' ' || c == '\t' || c == ':' || c == '<' || c == '>';
  }

  /** True when "AUTH" at {@code at} follows a reply code ("250-AUTH ...", "250 AUTH ..."): a capability, no command. */
  private static boolean isReplyBefore(String text, int at) {
    return at >= 4 && (text.charAt(at - 1) == '-' || text.charAt(at - 1) == ' ') && isDigit(text.charAt(at - 2))
        && isDigit(text.charAt(at - 3)) && isDigit(text.charAt(at - 4));
  }

  /**
   * True when {@code text[..end)} ends with a secret key ending (case-insensitively) that starts a word: at the start,
   * after a character that is no letter or digit ("sasl_password", "X-Pass", "smtp.pwd"), or in camel case after a
   * lower-case letter or digit ("userPassword", "db2Pwd"). So "bypass=" is no key, and a random Message-ID or token
   * ("...aqpwd=...") is left whole, which a join on it needs.
   */
  private static boolean endsWithSecretKey(String text, int end) {
    if (end < 3) {
      return false;
    }
    char last = (char) (text.charAt(end - 1) | 0x20);
    if (last != 's' && last != 'd' && last != 'e' && last != 't' && last != 'n') {
      return false; // most keys ("relay", "to", "from", "helo") stop here
    }
    for (String ending : SECRET_KEY_ENDINGS) {
      int start = end - ending.length();
      if (start >= 0 && text.regionMatches(true, start, ending, 0, ending.length()) && startsAWord(text, start, end)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsAWord(String text, int start, int end) {
    if (start == 0) {
      return true;
    }
    char before = text.charAt(start - 1);
    if (!Character.isLetterOrDigit(before)) {
      return true;
    }
    if (!(Character.isLowerCase(before) || isDigit(before)) || !Character.isUpperCase(text.charAt(start))) {
      return false;
    }
    for (int i = start + 1; i < end; i++) {
      if (!Character.isLowerCase(text.charAt(i))) {
        return false; // "xPWD" is no camel-case word
      }
    }
    return true;
  }

  /**
   * Where an unquoted value ends: at a blank, at '&amp;' (a query string), or at a ',' or ';' followed by a blank or
   * the end ("a=b, c=d"), so that a password with a comma inside is still masked whole.
   */
  private static int valueEnd(String text, int start) {
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '&') {
        return i;
      }
      if ((c == ',' || c == ';') && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
        return i;
      }
      i++;
    }
    return i;
  }

  private static int skipBlanks(String text, int from) {
    int i = from;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
