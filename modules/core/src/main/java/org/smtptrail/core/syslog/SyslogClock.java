package org.smtptrail.core.syslog;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Turns syslog timestamps into instants. Classic timestamps have neither year nor zone: the zone is the source's, and
 * the year is the latest that does not put the line after the latest time its file can hold (its modification time,
 * or for a file followed live the moment of reading): a "Dec 15" line in a file last written on 7 December is of the
 * year before, and so is a December line in a file last written in January. A line up to {@link #LATE_SECONDS} after
 * that time keeps its year: a server's clock or zone a few hours off the file's must not throw its newest lines a
 * year back. RFC 3339 timestamps carry both.
 *
 * <p>The day of a classic timestamp is read with any padding: "Mar  7" (syslog's), "Mar 07" and "Mar 7" (written by
 * tools that squeeze blanks or pad with zeros).
 */
public final class SyslogClock {
  /** How long after the latest time its file can hold a classic line is still of that time's year: a day. */
  public static final long LATE_SECONDS = 86_400;

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
  /** How often a moving limit (a file followed live) is read again: its year changes once a year. */
  private static final long LIMIT_REFRESH_MILLIS = 1000;

  private final ZoneId zone;
  private final InstantSource limit;
  private long limitMillis = Long.MIN_VALUE;
  private int limitYear;
  /** The limit in the zone's local seconds, plus {@link #LATE_SECONDS}: a line's local time is compared with it. */
  private long latestLocalSeconds;
  private long cachedHourKey = Long.MIN_VALUE;
  private int cachedOffsetSeconds;

  /**
   * A clock for one file that is read whole.
   *
   * @param zone          the zone of classic timestamps
   * @param referenceTime the file's modification time: classic lines are dated at or before it
   */
  public SyslogClock(ZoneId zone, Instant referenceTime) {
    this(zone, InstantSource.fixed(referenceTime));
  }

  /**
   * A clock whose limit may move: a file followed live holds lines written after it was opened, up to the moment
   * they are read ({@link org.smtptrail.core.ParseContext#lineTimeLimit()}).
   *
   * @param zone  the zone of classic timestamps
   * @param limit the latest time a line can carry, as it stands when the line is read
   */
  public SyslogClock(ZoneId zone, InstantSource limit) {
    this.zone = zone;
    this.limit = limit;
    refreshLimit();
  }

  /** Whether the line starts with a classic timestamp ("Nov 23 00:01:20", "Mar  7 ...", "Mar 07 ...", "Mar 7 ..."). */
  public static boolean isClassicTimestampAt(String line) {
    return classicTimeAt(line) > 0;
  }

  /**
   * Where the "HH:MM:SS" of a classic timestamp starts (6 after a one-digit day written without padding, else 7), or
   * -1 when the line does not start with one. Something must follow the seconds (the rest of the line).
   */
  static int classicTimeAt(String line) {
    if (line.length() < 15 || monthOf(line) == 0 || line.charAt(3) != ' ') {
      return -1;
    }
    int dayEnd;
    if (line.charAt(4) == ' ') {
      dayEnd = isDigit(line.charAt(5)) ? 6 : -1; // "Mar  7": syslog pads with a space
    } else if (isDigit(line.charAt(4))) {
      dayEnd = isDigit(line.charAt(5)) ? 6 : 5; // "Mar 07", "Mar 17", or "Mar 7"
    } else {
      dayEnd = -1;
    }
    if (dayEnd < 0 || line.charAt(dayEnd) != ' ') {
      return -1;
    }
    int at = dayEnd + 1;
    boolean time = line.length() > at + 8
        && isDigit(line.charAt(at))
        && isDigit(line.charAt(at + 1))
        && line.charAt(at + 2) == ':'
        && isDigit(line.charAt(at + 3))
        && isDigit(line.charAt(at + 4))
        && line.charAt(at + 5) == ':'
        && isDigit(line.charAt(at + 6))
        && isDigit(line.charAt(at + 7));
    return time ? at : -1;
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
    int time = classicTimeAt(line);
    int month = monthOf(line);
    int day = line.charAt(4) == ' ' ? digit(line, 5)
        : time == 7 ? digit(line, 4) * 10 + digit(line, 5) : digit(line, 4);
    int hour = twoDigits(line, time);
    int minute = twoDigits(line, time + 3);
    int second = twoDigits(line, time + 6);
    int nanos = fractionNanos(line, time + 8, end);
    if (hour > 23 || minute > 59 || second > 60) {
      throw new IllegalArgumentException("time out of range");
    }
    long secondOfDay = hour * 3600L + minute * 60L + second;
    refreshLimit();
    int year = limitYear;
    // throws for a day no year has ("Apr 31"): the line is then unparsed
    long localSeconds = exists(year, month, day) ? localSeconds(year, month, day, secondOfDay) : Long.MAX_VALUE;
    if (localSeconds > latestLocalSeconds) {
      year--; // later than the file can hold: the year before
      while (month == 2 && day == 29 && !Year.isLeap(year)) {
        year--; // the latest 29 February before the limit
      }
      localSeconds = localSeconds(year, month, day, secondOfDay);
    }
    return Instant.ofEpochSecond(localSeconds - offsetSeconds(localSeconds), nanos);
  }

  /** Reads the limit again when it may have moved (a file followed live); a fixed limit is read once. */
  private void refreshLimit() {
    long millis = limit.millis();
    if (limitMillis != Long.MIN_VALUE && millis >= limitMillis && millis - limitMillis < LIMIT_REFRESH_MILLIS) {
      return;
    }
    limitMillis = millis;
    LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
    limitYear = local.getYear();
    latestLocalSeconds = local.toEpochSecond(ZoneOffset.UTC) + LATE_SECONDS;
  }

  private static boolean exists(int year, int month, int day) {
    return month != 2 || day != 29 || Year.isLeap(year);
  }

  private static long localSeconds(int year, int month, int day, long secondOfDay) {
    return LocalDate.of(year, month, day).toEpochDay() * 86_400 + secondOfDay;
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
