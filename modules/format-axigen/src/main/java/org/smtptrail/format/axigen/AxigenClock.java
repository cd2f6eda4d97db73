package org.smtptrail.format.axigen;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.smtptrail.core.syslog.SyslogClock;
import org.smtptrail.core.syslog.SyslogPrefix;

/**
 * Turns the three timestamp shapes an Axigen line can carry into instants, without a formatter on the hot path:
 * Axigen's own "2026-11-22 10:00:01 +0100" (VERIFIED: local time with its offset, so the offset is used and never
 * the machine's zone), classic syslog "Nov 22 10:00:01" (no year, no zone: the file's zone, and the year that puts
 * the line at or before the file's modification time) and RFC 3339. Every method returns null for fields out of
 * range, and the line is then reported as unparsed.
 */
final class AxigenClock {
  private final ZoneId zone;
  private final SyslogClock syslogClock;

  AxigenClock(ZoneId zone, Instant referenceTime) {
    this(zone, InstantSource.fixed(referenceTime));
  }

  /** With the latest time a line can carry as it moves while a file is followed live (see SyslogClock). */
  AxigenClock(ZoneId zone, InstantSource lineTimeLimit) {
    this.zone = zone;
    this.syslogClock = new SyslogClock(zone, lineTimeLimit);
  }

  /** True when "YYYY-MM-DD HH:MM:SS" starts at {@code at}. */
  static boolean isNativeTimestampAt(String line, int at) {
    return line.length() >= at + 19
        && isDigit(line.charAt(at)) && isDigit(line.charAt(at + 3))
        && line.charAt(at + 4) == '-' && line.charAt(at + 7) == '-' && line.charAt(at + 10) == ' '
        && line.charAt(at + 13) == ':' && line.charAt(at + 16) == ':' && isDigit(line.charAt(at + 18));
  }

  /**
   * The instant of "YYYY-MM-DD HH:MM:SS" at {@code at}, with the offset "+HHMM" at {@code offsetAt} (or -1 when the
   * line has none: then the file's zone applies).
   */
  Instant nativeTime(String line, int at, int offsetAt) {
    try {
      LocalDate date = LocalDate.of(number(line, at, 4), number(line, at + 5, 2), number(line, at + 8, 2));
      long localSeconds = localSeconds(date, number(line, at + 11, 2), number(line, at + 14, 2),
          number(line, at + 17, 2));
      if (offsetAt < 0) {
        return fromLocal(localSeconds);
      }
      int sign = line.charAt(offsetAt) == '-' ? -1 : 1;
      int offset = sign * (number(line, offsetAt + 1, 2) * 3600 + number(line, offsetAt + 3, 2) * 60);
      return Instant.ofEpochSecond(localSeconds - offset);
    } catch (RuntimeException outOfRange) {
      return null;
    }
  }

  /** The instant of a syslog prefix's timestamp (classic or RFC 3339), from core's syslog clock. */
  Instant syslogTime(String line, SyslogPrefix prefix) {
    return syslogClock.toInstant(line, prefix);
  }

  private Instant fromLocal(long localSeconds) {
    LocalDateTime local = LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC);
    return local.atZone(zone).toInstant();
  }

  private static long localSeconds(LocalDate date, int hour, int minute, int second) {
    if (hour > 23 || minute > 59 || second > 60) {
      throw new IllegalArgumentException("time out of range");
    }
    return date.toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second;
  }

  private static int number(String line, int at, int digits) {
    int value = 0;
    for (int i = at; i < at + digits; i++) {
      char c = line.charAt(i);
      if (!isDigit(c)) {
        throw new IllegalArgumentException("digit expected at " + i);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
