package org.smtptrail.core;

import java.util.Locale;

/**
 * The one way smtptrail compares e-mail addresses: surrounding angle brackets and blanks removed, lower case (local
 * part and domain, as support staff expect), the null sender as "".
 */
public final class MailAddresses {
  private MailAddresses() {}

  /** The address in comparable form; null stays null. */
  public static String normalize(String address) {
    if (address == null) {
      return null;
    }
    // every pair of brackets, not just one: "<<a@b>>" is a@b, and normalizing twice must change nothing. Indexes
    // move inwards instead of cutting a copy per pair: a typed "<<<...>>>" costs its length, not its length squared
    int start = 0;
    int end = address.length();
    while (true) {
      while (start < end && Character.isWhitespace(address.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(address.charAt(end - 1))) {
        end--;
      }
      if (end - start < 2 || address.charAt(start) != '<' || address.charAt(end - 1) != '>') {
        break;
      }
      start++;
      end--;
    }
    return address.substring(start, end).toLowerCase(Locale.ROOT);
  }

  /** The domain part (after the last '@'), normalized; null when there is none. */
  public static String domainOf(String address) {
    String normalized = normalize(address);
    if (normalized == null) {
      return null;
    }
    int at = normalized.lastIndexOf('@');
    return at < 0 || at == normalized.length() - 1 ? null : normalized.substring(at + 1);
  }

  /**
   * The Message-ID in comparable form: brackets and blanks removed, case kept (Message-IDs are case-sensitive, but
   * logs disagree on the brackets).
   */
  public static String normalizeMessageId(String messageId) {
    if (messageId == null) {
      return null;
    }
    // every bracket and blank at either end ("<<id>>", "< id >"), so normalizing twice changes nothing
    int start = 0;
    int end = messageId.length();
    while (start < end && (messageId.charAt(start) == '<' || Character.isWhitespace(messageId.charAt(start)))) {
      start++;
    }
    while (end > start && (messageId.charAt(end - 1) == '>' || Character.isWhitespace(messageId.charAt(end - 1)))) {
      end--;
    }
    return messageId.substring(start, end).strip();
  }
}
