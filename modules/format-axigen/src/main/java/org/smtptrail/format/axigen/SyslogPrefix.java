package org.smtptrail.format.axigen;

/**
 * The syslog prefix in front of an Axigen line when Axigen logs with {@code logtype = system}: a classic
 * ("Nov 22 10:00:01 mx2 axigen[2817]: ") or RFC 3339 ("2026-11-22T10:00:01.123456+01:00 mx2 axigen[2817]: ")
 * timestamp, the host and the program tag. The format note marks that layout INFERRED (the tag and whether Axigen's
 * level digits survive were not seen), so nothing but "timestamp host tag: " is required. Found by scanning
 * characters, the way format-postfix's SyslogHeader does; copied in small, since formats depend only on core.
 *
 * @param classic      true for the classic timestamp (no year, no zone), false for RFC 3339
 * @param timestampEnd index just past the timestamp
 * @param host         the host field
 * @param program      the tag without its pid ("axigen")
 * @param textStart    index of the first character after "tag: "
 */
record SyslogPrefix(boolean classic, int timestampEnd, String host, String program, int textStart) {
  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  /** The prefix of a syslog line, or null when the line does not start with one. */
  static SyslogPrefix parse(String line) {
    boolean classic;
    int timestampEnd;
    if (isClassicTimestamp(line)) {
      classic = true;
      timestampEnd = 15;
      while (timestampEnd < line.length() && line.charAt(timestampEnd) != ' ') {
        timestampEnd++; // an optional fraction, as some syslog daemons write
      }
    } else if (isRfc3339Timestamp(line)) {
      classic = false;
      timestampEnd = line.indexOf(' ');
      if (timestampEnd < 0) {
        return null;
      }
    } else {
      return null;
    }
    int hostStart = timestampEnd + 1;
    int hostEnd = line.indexOf(' ', hostStart);
    if (hostEnd <= hostStart) {
      return null;
    }
    int programStart = hostEnd + 1;
    int programEnd = programStart;
    while (programEnd < line.length() && "[: ".indexOf(line.charAt(programEnd)) < 0) {
      programEnd++;
    }
    if (programEnd == programStart || programEnd >= line.length()) {
      return null;
    }
    int colon = programEnd;
    if (line.charAt(colon) == '[') {
      colon = line.indexOf(']', colon);
      if (colon < 0) {
        return null;
      }
      colon++;
    }
    if (colon >= line.length() || line.charAt(colon) != ':') {
      return null;
    }
    int textStart = colon + 1;
    if (textStart < line.length() && line.charAt(textStart) == ' ') {
      textStart++;
    }
    return new SyslogPrefix(classic, timestampEnd, line.substring(hostStart, hostEnd),
        line.substring(programStart, programEnd), textStart);
  }

  /** Month 1-12 of a classic timestamp's "Nov", or 0. */
  static int monthOf(String line) {
    for (int m = 0; m < 12; m++) {
      if (line.regionMatches(0, MONTHS, m * 3, 3)) {
        return m + 1;
      }
    }
    return 0;
  }

  private static boolean isClassicTimestamp(String line) {
    return line.length() >= 16
        && monthOf(line) > 0
        && line.charAt(3) == ' '
        && (line.charAt(4) == ' ' || isDigit(line.charAt(4)))
        && isDigit(line.charAt(5))
        && line.charAt(6) == ' '
        && isDigit(line.charAt(7))
        && line.charAt(9) == ':'
        && line.charAt(12) == ':'
        && isDigit(line.charAt(14));
  }

  private static boolean isRfc3339Timestamp(String line) {
    return line.length() >= 20
        && isDigit(line.charAt(0))
        && isDigit(line.charAt(3))
        && line.charAt(4) == '-'
        && line.charAt(7) == '-'
        && line.charAt(10) == 'T'
        && line.charAt(13) == ':'
        && line.charAt(16) == ':';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
