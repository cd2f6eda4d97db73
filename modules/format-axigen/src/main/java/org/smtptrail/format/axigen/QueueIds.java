package org.smtptrail.format.axigen;

/**
 * Axigen writes a message's queue id in two widths: six hex digits in SMTP-IN ("enqueued with id 2C2605") and eight,
 * zero-padded, as the PROCESSING column ("PROCESSING:002C2605:"). The format note says to compare them as hex
 * numbers; smtptrail files both under the eight-digit form, the one on most lines of a message.
 */
final class QueueIds {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final int WIDTH = 8;

  private QueueIds() {}

  /** True when {@code text[from, to)} is 1 to 16 hex digits. */
  static boolean isHex(CharSequence text, int from, int to) {
    if (to <= from || to - from > 16) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The canonical form of a hex queue id: upper case, zero-padded to eight digits; longer ids keep their digits. */
  static String canonical(CharSequence text, int from, int to) {
    int start = from;
    while (start < to - 1 && text.charAt(start) == '0') {
      start++;
    }
    int digits = to - start;
    char[] out = new char[Math.max(WIDTH, digits)];
    int pad = out.length - digits;
    for (int i = 0; i < pad; i++) {
      out[i] = '0';
    }
    for (int i = 0; i < digits; i++) {
      out[pad + i] = HEX[Character.digit(text.charAt(start + i), 16)];
    }
    return new String(out);
  }

  static String canonical(String id) {
    return canonical(id, 0, id.length());
  }
}
