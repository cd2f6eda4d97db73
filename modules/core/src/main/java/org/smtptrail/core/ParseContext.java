package org.smtptrail.core;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a parser needs to know about the file it reads, beyond the lines themselves.
 *
 * @param file          the file being parsed, for evidence
 * @param zone          zone for timestamps that carry none (Xeams, classic syslog)
 * @param referenceTime the file's modification time: classic syslog lines have no year, and the year is the one that
 *                      puts the line at or before this time
 * @param hostLabel     host name to use where the line has none; may be null
 */
public record ParseContext(String file, ZoneId zone, Instant referenceTime, String hostLabel) {
  public ParseContext {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(referenceTime, "referenceTime");
  }
}
