package org.smtptrail.format.xeams;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * The start of a Xeams record: {@code 2026-03-02 09:15:04,211 - [   7100001] text}. Verified: the date, a 24-hour
 * time with ",SSS" milliseconds, " - ", the LCID right-aligned in brackets. Tolerated because nothing public rules
 * them out: "." before the milliseconds or none, a 12-hour clock with AM/PM, tabs or several blanks between the
 * parts, no " - ", no LCID (a line that is not about a message). Parsed by scanning characters: this runs for every
 * line.
 *
 * @param time      the local date and time, or null when the timestamp has the right shape but impossible values
 * @param lcid      the LCID without padding, or null when the record has none
 * @param dashed    true when " - " separates the timestamp from the rest, as Xeams writes it
 * @param bodyStart where the text after the prefix starts
 */
record RecordPrefix(LocalDateTime time, String lcid, boolean dashed, int bodyStart) {

  /** True when the line starts with {@code yyyy-MM-dd HH:mm:ss} (one or two hour digits): a new record. */
  static boolean startsRecord(CharSequence line) {
    return timeEnd(line) > 0;
  }

  /** The prefix of a record's first line, or null when the line does not start with a timestamp. */
  static RecordPrefix parse(String line) {
    int i = timeEnd(line);
    if (i < 0) {
      return null;
    }
    int hourStart = skipBlanks(line, 10);
    int hourDigits = line.charAt(hourStart + 1) == ':' ? 1 : 2;
    int hour = number(line, hourStart, hourDigits);
    int minute = number(line, hourStart + hourDigits + 1, 2);
    int second = number(line, hourStart + hourDigits + 4, 2);
    int nanos = 0;
    if (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == '.') && isDigit(line, i + 1)) {
      int digits = 0;
      i++;
      while (isDigit(line, i)) {
        if (digits < 9) {
          nanos = nanos * 10 + line.charAt(i) - '0';
          digits++;
        }
        i++;
      }
      for (int d = digits; d < 9; d++) {
        nanos *= 10;
      }
    }
    int afterBlanks = skipBlanks(line, i);
    int meridiemEnd = meridiemEnd(line, afterBlanks);
    boolean valid = true;
    if (meridiemEnd > 0) {
      valid = hour >= 1 && hour <= 12;
      hour = hour % 12 + (Character.toUpperCase(line.charAt(afterBlanks)) == 'P' ? 12 : 0);
      i = meridiemEnd;
    }
    LocalDateTime time = null;
    if (valid) {
      try {
        time = LocalDateTime.of(number(line, 0, 4), number(line, 5, 2), number(line, 8, 2), hour, minute, second,
            nanos);
      } catch (DateTimeException impossible) {
        time = null;
      }
    }
    i = skipBlanks(line, i);
    boolean dashed = false;
    if (i < line.length() && line.charAt(i) == '-' && (i + 1 == line.length() || isBlank(line.charAt(i + 1)))) {
      dashed = true;
      i = skipBlanks(line, i + 1);
    }
    String lcid = null;
    if (i < line.length() && line.charAt(i) == '[') {
      int digitsStart = skipBlanks(line, i + 1);
      int digitsEnd = digitsStart;
      while (isDigit(line, digitsEnd)) {
        digitsEnd++;
      }
      int close = skipBlanks(line, digitsEnd);
      if (digitsEnd > digitsStart && close < line.length() && line.charAt(close) == ']') {
        lcid = stripZeros(line.substring(digitsStart, digitsEnd));
        i = skipBlanks(line, close + 1);
      }
    }
    return new RecordPrefix(time, lcid, dashed, i);
  }

  /** The end of "yyyy-MM-dd[blanks]H:mm:ss" or "HH:mm:ss" at the start of the line, or -1. */
  private static int timeEnd(CharSequence line) {
    if (line.length() < 18 || !digits(line, 0, 4) || line.charAt(4) != '-' || !digits(line, 5, 2)
        || line.charAt(7) != '-' || !digits(line, 8, 2) || !isBlank(line.charAt(10))) {
      return -1;
    }
    int h = skipBlanks(line, 10);
    int hourDigits = isDigit(line, h) && h + 1 < line.length() && line.charAt(h + 1) == ':' ? 1 : 2;
    int colon = h + hourDigits;
    if (!digits(line, h, hourDigits) || colon + 6 > line.length() || line.charAt(colon) != ':'
        || !digits(line, colon + 1, 2) || line.charAt(colon + 3) != ':' || !digits(line, colon + 4, 2)) {
      return -1;
    }
    int end = colon + 6;
    return isDigit(line, end) ? -1 : end;
  }

  /** The end of "AM"/"PM" at {@code i} (either case, optionally with dots: "p.m."), or -1. */
  private static int meridiemEnd(String line, int i) {
    if (i + 1 >= line.length()) {
      return -1;
    }
    char first = Character.toUpperCase(line.charAt(i));
    int m = i + 1;
    if (line.charAt(m) == '.') {
      m++;
    }
    if ((first != 'A' && first != 'P') || m >= line.length() || Character.toUpperCase(line.charAt(m)) != 'M') {
      return -1;
    }
    int after = m + 1;
    if (after < line.length() && line.charAt(after) == '.') {
      after++;
    }
    if (after < line.length() && Character.isLetterOrDigit(line.charAt(after))) {
      return -1;
    }
    return after;
  }

  private static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }

  private static boolean digits(CharSequence s, int from, int count) {
    if (from + count > s.length()) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(CharSequence s, int i) {
    return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
  }

  private static int number(CharSequence s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = value * 10 + s.charAt(i) - '0';
    }
    return value;
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  static int skipBlanks(CharSequence s, int i) {
    while (i < s.length() && isBlank(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
