package org.smtptrail.format.postfix;

/**
 * Recognises Postfix queue ids at the start of a message text: short ids are upper-case hex ("3F2A81C0D2"), long
 * ids ({@code enable_long_queue_ids}) mix digits and letters ("4hnbBCg5fSSvC1"). Words like "warning" or "NOQUEUE"
 * must not pass, hence the rules on case and digits.
 */
final class QueueIds {
  private static final int MIN_SHORT = 5;
  private static final int MIN_LONG = 10;
  private static final int MAX = 24;

  private QueueIds() {}

  /** Index of the ':' ending a queue id that starts at {@code from} and is followed by ": ", or -1. */
  static int endOfQueueIdAt(String text, int from) {
    int i = from;
    boolean allUpperHex = true;
    boolean hasDigit = false;
    while (i < text.length() && i - from <= MAX) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        hasDigit = true;
      } else if (c >= 'A' && c <= 'F') {
        // still hex
      } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
        allUpperHex = false;
      } else {
        break;
      }
      i++;
    }
    int length = i - from;
    if (i + 1 >= text.length() || text.charAt(i) != ':' || text.charAt(i + 1) != ' ') {
      return -1;
    }
    boolean shortId = allUpperHex && length >= MIN_SHORT && length <= MAX;
    boolean longId = !allUpperHex && hasDigit && length >= MIN_LONG && length <= MAX;
    return shortId || longId ? i : -1;
  }
}
