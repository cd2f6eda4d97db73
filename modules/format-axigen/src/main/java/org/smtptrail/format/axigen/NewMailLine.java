package org.smtptrail.format.axigen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SMTP-IN's receipt record, logged at the default level (VERIFIED from a real everything.txt): {@code New mail
 * <506982069.7.1783322704734.JavaMail.zimbra@example.com> received from zimbra.example.com (192.0.2.110) with
 * envelope from <info@example.com>, recipients=1 (principal@example.org), size=2210, enqueued with id 2C2605}.
 * Each field is looked up by its own words, so a field missing or moved does not lose the others; only the queue id
 * is required. The recipient list is read too: it may be the only line that names a recipient (a grep-filtered
 * excerpt, a log that starts after the PROCESSING lines). Its separator is unknown (INFERRED), so commas, semicolons
 * and blanks all separate, and only words that look like addresses are taken.
 *
 * @param messageId      "&lt;...&gt;" as logged, or null
 * @param client         "helo[ip]", or null
 * @param sender         the envelope sender ("" for the null sender), or null
 * @param recipientCount N of "recipients=N", or -1
 * @param recipients     the addresses inside "recipients=N (...)", in order, each once whatever its case; empty when
 *                       none is listed
 * @param size           bytes, or -1
 * @param queueId        the queue id in canonical (eight-digit) form
 */
record NewMailLine(String messageId, String client, String sender, int recipientCount, List<String> recipients,
    long size, String queueId) {
  static final String EXPECTED =
      "New mail <message-id> received from HOST (IP) with envelope from <sender>, recipients=N (...), size=S,"
          + " enqueued with id HEX";

  /** The fields of the line whose "New mail " starts at {@code at}; null without a hex queue id. */
  static NewMailLine parse(String text, int at) {
    int idAt = text.lastIndexOf("enqueued with id ");
    if (idAt < at) {
      return null;
    }
    int idStart = idAt + "enqueued with id ".length();
    int idEnd = idStart;
    while (idEnd < text.length() && Character.digit(text.charAt(idEnd), 16) >= 0) {
      idEnd++;
    }
    if (!QueueIds.isHex(text, idStart, idEnd)) {
      return null;
    }
    String queueId = QueueIds.canonical(text, idStart, idEnd);
    int bodyStart = at + "New mail ".length();
    String messageId = null;
    if (bodyStart < text.length() && text.charAt(bodyStart) == '<') {
      int close = text.indexOf('>', bodyStart);
      messageId = close < 0 ? null : text.substring(bodyStart, close + 1);
    }
    return new NewMailLine(messageId, client(text, at), sender(text, at), (int) number(text, "recipients=", at),
        recipients(text, at), number(text, ", size=", at), queueId);
  }

  /** The addresses in "recipients=N (a@x, b@y)": words with an '@' inside, angle brackets removed. */
  private static List<String> recipients(String text, int from) {
    int at = text.indexOf("recipients=", from);
    int open = at < 0 ? -1 : text.indexOf('(', at);
    int close = open < 0 ? -1 : text.indexOf(')', open);
    if (close < 0 || !text.substring(at + "recipients=".length(), open).strip().chars().allMatch(Character::isDigit)) {
      return List.of();
    }
    List<String> addresses = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String word : text.substring(open + 1, close).split("[,;\\s]+")) {
      String address = word.startsWith("<") && word.endsWith(">") ? word.substring(1, word.length() - 1) : word;
      int sign = address.indexOf('@');
      if (sign > 0 && sign < address.length() - 1 && seen.add(address.toLowerCase(Locale.ROOT))) {
        addresses.add(address);
      }
    }
    return List.copyOf(addresses);
  }

  /** "received from H (IP)" as "H[IP]". */
  private static String client(String text, int from) {
    int at = text.indexOf(" received from ", from);
    if (at < 0) {
      return null;
    }
    int nameStart = at + " received from ".length();
    int open = text.indexOf(" (", nameStart);
    int space = text.indexOf(' ', nameStart);
    if (open < 0 || open != space) {
      return space < 0 ? null : text.substring(nameStart, space);
    }
    int close = text.indexOf(')', open);
    return close < 0 ? null : text.substring(nameStart, open) + "[" + text.substring(open + 2, close) + "]";
  }

  private static String sender(String text, int from) {
    int at = text.indexOf("envelope from ", from);
    if (at < 0) {
      return null;
    }
    int start = at + "envelope from ".length();
    if (start < text.length() && text.charAt(start) == '<') {
      int close = text.indexOf('>', start);
      return close < 0 ? null : text.substring(start + 1, close);
    }
    int end = start;
    while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != ' ') {
      end++;
    }
    return text.substring(start, end);
  }

  private static long number(String text, String name, int from) {
    int at = text.indexOf(name, from);
    if (at < 0) {
      return -1;
    }
    long value = 0;
    int i = at + name.length();
    int start = i;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 18) {
      value = value * 10 + (text.charAt(i) - '0');
      i++;
    }
    return i == start ? -1 : value;
  }
}
