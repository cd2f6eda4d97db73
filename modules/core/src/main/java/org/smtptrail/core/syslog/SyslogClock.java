package org.smtptrail.core.syslog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Turns syslog timestamps into instants. Classic timestamps have neither year nor zone: the zone is the source's, and
 * the year is the one of the file's modification time, minus one for months after that time's month (a December
 * line in a file last written in January). RFC 3339 timestamps carry both.
 */
public final class SyslogClock {
  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private final ZoneId zone;
  private final int referenceYear;
  private final int referenceMonth;
  private long cachedHourKey = Long.MIN_VALUE;
  private int cachedOffsetSeconds;

  /**
   * A clock for one file.
   *
   * @param zone          the zone of classic timestamps
   * @param referenceTime the file's modification time: classic lines are dated at or before it
   */
  public SyslogClock(ZoneId zone, Instant referenceTime) {
    this.zone = zone;
    ZonedDateTime reference = referenceTime.atZone(zone);
    this.referenceYear = reference.getYear();
    this.referenceMonth = reference.getMonthValue();
  }

  /** Whether the line starts with a classic timestamp ("Nov 23 00:01:20"). */
  public static boolean isClassicTimestampAt(String line) {
    return line.length() >= 16
        && monthOf(line) > 0
        && line.charAt(3) == ' '
        && (line.charAt(4) == ' ' || isDigit(line.charAt(4)))
        && isDigit(line.charAt(5))
        && line.charAt(6) == ' '
        && isDigit(line.charAt(7))
        && isDigit(line.charAt(8))
        && line.charAt(9) == ':'
        && isDigit(line.charAt(10))
        && isDigit(line.charAt(11))
        && line.charAt(12) == ':'
        && isDigit(line.charAt(13))
        && isDigit(line.charAt(14));
  }

  /** Whether the line starts with an RFC 3339 timestamp ("2026-11-23T00:01:20..."). */
  public static boolean isRfc3339TimestampAt(String line) {
    return line.length() >= 20
        && isDigit(line.charAt(0))
        && isDigit(line.charAt(3))
        && line.charAt(4) == '-'
        && line.charAt(7) == '-'
        && line.charAt(10) == 'T'
        && line.charAt(13) == ':'
        && line.charAt(16) == ':';
  }

  /** The instant of the line's timestamp; null if its fields are out of range. */
  public Instant toInstant(String line, SyslogPrefix prefix) {
    try {
      return prefix.classic() ? classic(line, prefix.timestampEnd()) : rfc3339(line, prefix.timestampEnd());
    } catch (RuntimeException outOfRange) { // e.g. "Feb 31" or hour 25: the line is then unparsed
      return null;
    }
  }

  private Instant classic(String line, int end) {
    int month = monthOf(line);
    int day = (line.charAt(4) == ' ' ? 0 : digit(line, 4) * 10) + digit(line, 5);
    int hour = twoDigits(line, 7);
    int minute = twoDigits(line, 10);
    int second = twoDigits(line, 13);
    int nanos = fractionNanos(line, 15, end);
    int year = month > referenceMonth ? referenceYear - 1 : referenceYear;
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    if (hour > 23 || minute > 59 || second > 60) {
      throw new IllegalArgumentException("time out of range");
    }
    long localSeconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second;
    return Instant.ofEpochSecond(localSeconds - offsetSeconds(localSeconds), nanos);
  }

  /** The zone's offset at a local time, cached per hour: lines come in bursts within the same hour. */
  private int offsetSeconds(long localSeconds) {
    long hourKey = Math.floorDiv(localSeconds, 3600);
    if (hourKey != cachedHourKey) {
      LocalDateTime local = LocalDateTime.ofEpochSecond(hourKey * 3600, 0, ZoneOffset.UTC);
      cachedOffsetSeconds = zone.getRules().getOffset(local).getTotalSeconds();
      cachedHourKey = hourKey;
    }
    return cachedOffsetSeconds;
  }

  private static Instant rfc3339(String line, int end) {
    int year = twoDigits(line, 0) * 100 + twoDigits(line, 2);
    int month = twoDigits(line, 5);
    int day = twoDigits(line, 8);
    int hour = twoDigits(line, 11);
    int minute = twoDigits(line, 14);
    int second = twoDigits(line, 17);
    int zoneStart = 19;
    while (zoneStart < end && line.charAt(zoneStart) != 'Z' && line.charAt(zoneStart) != '+'
        && line.charAt(zoneStart) != '-') {
      zoneStart++;
    }
    int nanos = fractionNanos(line, 19, zoneStart);
    int offset = 0;
    if (zoneStart < end && line.charAt(zoneStart) != 'Z') {
      int sign = line.charAt(zoneStart) == '-' ? -1 : 1;
      offset = sign * (twoDigits(line, zoneStart + 1) * 3600 + twoDigits(line, zoneStart + 4) * 60);
    } else if (zoneStart >= end) {
      throw new IllegalArgumentException("no offset");
    }
    if (hour > 23 || minute > 59 || second > 60) {
      throw new IllegalArgumentException("time out of range");
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offset, nanos);
  }

  /** Nanoseconds of a ".123456" fraction between from and end; 0 when there is none. */
  private static int fractionNanos(String line, int from, int end) {
    if (from >= end || line.charAt(from) != '.' && line.charAt(from) != ',') {
      return 0;
    }
    int nanos = 0;
    int scale = 100_000_000;
    for (int i = from + 1; i < end && isDigit(line.charAt(i)); i++) {
      nanos += digit(line, i) * scale;
      scale /= 10;
    }
    return nanos;
  }

  private static int monthOf(String line) {
    for (int m = 0; m < 12; m++) {
      if (line.regionMatches(0, MONTHS, m * 3, 3)) {
        return m + 1;
      }
    }
    return 0;
  }

  private static int twoDigits(String line, int at) {
    return digit(line, at) * 10 + digit(line, at + 1);
  }

  private static int digit(String line, int at) {
    char c = line.charAt(at);
    if (!isDigit(c)) {
      throw new IllegalArgumentException("digit expected at " + at);
    }
    return c - '0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
