package org.smtptrail.engine.query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads the times users give to {@code --since} and {@code --until}: relative ("90s", "15m", "2h", "3d", "1w",
 * before now) or ISO-8601 ("2026-11-22", "2026-11-22T10:00", "2026-11-22T10:00:00Z", "2026-11-22T10:00+01:00").
 * A date or a time without an offset is in the given zone.
 */
public final class TimeSpec {
  private TimeSpec() {}

  /**
   * The instant meant by {@code text}.
   *
   * @throws IllegalArgumentException with the accepted forms, when the text is none of them
   */
  public static Instant parse(String text, Instant now, ZoneId zone) {
    String value = text.strip();
    Duration relative = relative(value.toLowerCase(Locale.ROOT));
    if (relative != null) {
      return now.minus(relative);
    }
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay(zone).toInstant();
      }
      if (value.endsWith("Z") || value.matches(".*[+-]\\d{2}:\\d{2}$")) {
        return OffsetDateTime.parse(value).toInstant();
      }
      return LocalDateTime.parse(value).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a time: expected a relative time (30m, 2h, 3d, 1w) or ISO-8601"
              + " (2026-11-22, 2026-11-22T10:00, 2026-11-22T10:00:00Z)");
    }
  }

  private static Duration relative(String value) {
    if (value.length() < 2) {
      return null;
    }
    char unit = value.charAt(value.length() - 1);
    String number = value.substring(0, value.length() - 1);
    if (number.length() > 9 || !number.chars().allMatch(Character::isDigit)) {
      return null;
    }
    long amount = Long.parseLong(number);
    return switch (unit) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      case 'w' -> Duration.ofDays(7 * amount);
      default -> null;
    };
  }
}
