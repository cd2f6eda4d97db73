package org.smtptrail.core;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a parser needs to know about the file it reads, beyond the lines themselves.
 *
 * @param file          the file being parsed, for evidence
 * @param zone          zone for timestamps that carry none (Xeams, classic syslog)
 * @param referenceTime the file's modification time when it was opened: classic syslog lines have no year, and the
 *                      year is the one that puts the line at or before the latest time the file can hold (see
 *                      {@link #lineTimeLimit()})
 * @param hostLabel     host name to use where the line has none; may be null
 * @param live          true when the file is followed while it is written ({@code tail}): its lines are then written
 *                      after {@code referenceTime}, up to the moment they are read
 */
public record ParseContext(String file, ZoneId zone, Instant referenceTime, String hostLabel, boolean live) {
  public ParseContext {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(referenceTime, "referenceTime");
  }

  /** The context of a file read whole (batch {@code index}, tests): not live. */
  public ParseContext(String file, ZoneId zone, Instant referenceTime, String hostLabel) {
    this(file, zone, referenceTime, hostLabel, false);
  }

  /**
   * The latest time a line of the file can carry, as it stands when the line is read: the modification time, or for
   * a live file the later of that and now (a tail that runs past New Year dates January lines in the new year).
   */
  public InstantSource lineTimeLimit() {
    if (!live) {
      return InstantSource.fixed(referenceTime);
    }
    Instant opened = referenceTime;
    InstantSource system = InstantSource.system();
    return () -> {
      Instant now = system.instant();
      return now.isAfter(opened) ? now : opened;
    };
  }
}
