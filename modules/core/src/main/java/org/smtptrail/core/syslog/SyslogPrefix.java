package org.smtptrail.core.syslog;

/**
 * The syslog prefix of a line: where the timestamp ends, the host, the program and where the message text starts.
 * Classic ("Nov 23 00:01:20 mx1 postfix/smtp[41230]: ", the day padded with a space, a zero or nothing) and RFC 3339
 * ("2026-11-23T00:01:20.123456+00:00 mx1 axigen[2817]: ") timestamps; only "timestamp host tag: " is required. Found
 * by scanning characters, not by a regular expression, because it runs for every line of every syslog-written format.
 *
 * @param classic      true for "Nov 23 00:01:20" (no year), false for RFC 3339
 * @param timestampEnd index just past the timestamp
 * @param host         the host field
 * @param program      the program without its pid: "postfix/smtp", "postfix-out/smtp", "dovecot"
 * @param textStart    index of the first character of the message text
 */
public record SyslogPrefix(boolean classic, int timestampEnd, String host, String program, int textStart) {

  /** The prefix of a syslog line, or null when the line does not start with one. */
  public static SyslogPrefix parse(String line) {
    return parse(line, null);
  }

  /**
   * As {@link #parse(String)}, taking host and program from {@code names} when they were seen before: a parser
   * reads them from every line, and most lines of a file repeat a handful of them.
   *
   * @param names the parser's names, or null to copy them out of the line
   */
  public static SyslogPrefix parse(String line, SyslogNames names) {
    boolean classic;
    int timestampEnd;
    int classicTime = SyslogClock.classicTimeAt(line);
    if (classicTime > 0) {
      classic = true;
      timestampEnd = classicTime + 8;
      while (timestampEnd < line.length() && line.charAt(timestampEnd) != ' ') {
        timestampEnd++; // optional sub-second fraction, as some syslog daemons write
      }
    } else if (SyslogClock.isRfc3339TimestampAt(line)) {
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
    while (programEnd < line.length()) {
      char c = line.charAt(programEnd);
      if (c == '[' || c == ':' || c == ' ') {
        break;
      }
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
    return new SyslogPrefix(
        classic,
        timestampEnd,
        names == null ? line.substring(hostStart, hostEnd) : names.name(line, hostStart, hostEnd),
        names == null ? line.substring(programStart, programEnd) : names.name(line, programStart, programEnd),
        textStart);
  }
}
