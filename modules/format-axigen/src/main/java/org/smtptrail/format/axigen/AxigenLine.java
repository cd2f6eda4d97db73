package org.smtptrail.format.axigen;

import java.time.Instant;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.syslog.SyslogPrefix;

/**
 * The common prefix of an Axigen line, found by scanning characters (this runs for every line). The VERIFIED layout
 * is "date time zone level host SERVICE:ID: text", e.g. {@code 2026-11-22 10:00:01 +0100 08 mx1 SMTP-IN:0000A431:
 * New mail ...}. Tolerated, because they are INFERRED or plausible variants: a syslog prefix in front (with or
 * without the level digits, or with Axigen's whole native prefix kept), no zone (the file's zone applies), no level,
 * lower-case hex and ids of other widths.
 *
 * @param time        when; null when the timestamp's fields are out of range
 * @param level       the level column (1, 2, 4, 8, 16), or -1 when the line has none
 * @param host        the host column, else the syslog host; null when neither is there
 * @param service     the module
 * @param serviceName the module name as written
 * @param id          the id column as written: a session id, or for PROCESSING the message's queue id
 * @param textStart   index of the text after "SERVICE:ID: "
 * @param syslog      true when the line came through syslog
 */
record AxigenLine(Instant time, int level, String host, AxigenService service, String serviceName, String id,
    int textStart, boolean syslog) {
  /** At most this many words (level, host) between the timestamp and SERVICE:ID. */
  private static final int MAX_WORDS_BEFORE_SERVICE = 2;

  /** The header of an event read from this line, filed under {@code localId} (null: no message). */
  EventHeader header(SourceLine source, String localId) {
    return new EventHeader(source, time, host, AxigenFormat.NAME, serviceName, localId);
  }

  /**
   * The prefix of an Axigen line (native or behind syslog), or null when the line has none.
   *
   * @param fallbackHost the host for a line that names none (no host column, no syslog); may be null
   */
  static AxigenLine parse(String line, AxigenClock clock, String fallbackHost) {
    if (AxigenClock.isNativeTimestampAt(line, 0)) {
      return nativeAt(line, 0, clock, fallbackHost, false);
    }
    SyslogPrefix syslog = SyslogPrefix.parse(line);
    if (syslog == null) {
      return null;
    }
    int at = syslog.textStart();
    if (AxigenClock.isNativeTimestampAt(line, at)) {
      return nativeAt(line, at, clock, syslog.host(), true);
    }
    return afterTimestamp(line, at, clock.syslogTime(line, syslog), syslog.host(), true);
  }

  private static AxigenLine nativeAt(String line, int at, AxigenClock clock, String defaultHost, boolean syslog) {
    int i = at + 19;
    int offsetAt = -1;
    if (i + 6 <= line.length() && line.charAt(i) == ' ' && (line.charAt(i + 1) == '+' || line.charAt(i + 1) == '-')
        && (i + 6 == line.length() || line.charAt(i + 6) == ' ')) {
      offsetAt = i + 1;
      i += 6;
    }
    Instant time = clock.nativeTime(line, at, offsetAt);
    return afterTimestamp(line, i, time, defaultHost, syslog);
  }

  /** Parses "[level] [host] SERVICE:ID: " starting at the space (or first character) after the timestamp. */
  private static AxigenLine afterTimestamp(String line, int from, Instant time, String defaultHost, boolean syslog) {
    int i = from;
    int level = -1;
    String host = defaultHost;
    for (int word = 0; word <= MAX_WORDS_BEFORE_SERVICE; word++) {
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
      int end = line.indexOf(' ', i);
      if (end < 0) {
        end = line.length();
      }
      int colon = serviceColon(line, i, end);
      if (colon > 0) {
        String serviceName = line.substring(i, colon);
        int idEnd = end - 1; // the id's closing ':'
        String id = line.substring(colon + 1, idEnd);
        return new AxigenLine(time, level, host, AxigenService.named(serviceName), serviceName, id,
            Math.min(end + 1, line.length()), syslog);
      }
      if (end == i || word == MAX_WORDS_BEFORE_SERVICE) {
        return null;
      }
      if (word == 0 && level < 0 && end - i <= 2 && allDigits(line, i, end)) {
        level = Integer.parseInt(line, i, end, 10);
      } else {
        host = line.substring(i, end);
      }
      i = end;
    }
    return null;
  }

  /**
   * When {@code line[from, to)} is "SERVICE:ID:" (an upper-case name, then 1 to 16 hex digits), the index of the
   * colon after the name; else -1.
   */
  private static int serviceColon(String line, int from, int to) {
    if (to - from < 4 || line.charAt(to - 1) != ':' || line.charAt(from) < 'A' || line.charAt(from) > 'Z') {
      return -1;
    }
    int i = from + 1;
    while (i < to) {
      char c = line.charAt(i);
      if (c == ':') {
        break;
      }
      if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        return -1;
      }
      i++;
    }
    return i < to - 1 && QueueIds.isHex(line, i + 1, to - 1) ? i : -1;
  }

  private static boolean allDigits(String line, int from, int to) {
    for (int i = from; i < to; i++) {
      if (line.charAt(i) < '0' || line.charAt(i) > '9') {
        return false;
      }
    }
    return to > from;
  }
}
