package org.smtptrail.cli.options;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * How long data is kept, as a user writes it: days ({@code 400d}) or calendar months ({@code 13m}). Months are not
 * minutes here: retention is counted in days and months, never in minutes.
 *
 * @param period the age, in days or in months
 */
public record RetentionAge(Period period) {
  /**
   * Reads {@code 400d} or {@code 13m}.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static RetentionAge parse(String text) {
    String age = text == null ? "" : text.strip();
    if (age.length() >= 2 && age.chars().limit(age.length() - 1).allMatch(Character::isDigit)) {
      int amount;
      try {
        amount = Integer.parseInt(age.substring(0, age.length() - 1));
      } catch (NumberFormatException tooLarge) {
        amount = -1;
      }
      char unit = Character.toLowerCase(age.charAt(age.length() - 1));
      if (amount > 0 && unit == 'd') {
        return new RetentionAge(Period.ofDays(amount));
      }
      if (amount > 0 && unit == 'm') {
        return new RetentionAge(Period.ofMonths(amount));
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not an age: expected days or months, such as 400d or 13m");
  }

  /** The instant this age before {@code now} (months counted on the UTC calendar). */
  public Instant before(Instant now) {
    return now.atOffset(ZoneOffset.UTC).minus(period).toInstant();
  }
}
