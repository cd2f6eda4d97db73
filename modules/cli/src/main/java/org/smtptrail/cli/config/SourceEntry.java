package org.smtptrail.cli.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.smtptrail.core.LogFormats;

/**
 * One source as written in the file. Every key but one of {@code path} and {@code glob} is optional; what is left out
 * comes from the command line (or its defaults).
 *
 * @param path     a file or folder (folders are read recursively), relative to the configuration file's folder
 * @param glob     a pattern such as {@code log/everything.txt*} or {@code /var/log/mail.log*}, relative to the
 *                 configuration file's folder unless it starts with {@code /}
 * @param format   a format name (see {@code smtptrail formats}), or {@code auto} to sniff each file
 * @param host     the host label for lines that name no host (Xeams; Axigen's own file without its host column)
 * @param timezone the zone of timestamps that carry none: a region ({@code Europe/Paris}) or an offset
 *                 ({@code +01:00}, {@code UTC})
 */
record SourceEntry(String path, String glob, String format, String host, String timezone) {
  /** The value of {@code format} that means "sniff each file". */
  static final String AUTO = "auto";

  SourceEntry {
    if ((path == null) == (glob == null)) {
      throw new IllegalArgumentException(path == null
          ? "expected 'path' (a file or folder) or 'glob' (a pattern) in this source"
          : "expected either 'path' or 'glob' in a source, not both");
    }
    if (path != null && path.isBlank() || glob != null && glob.isBlank()) {
      throw new IllegalArgumentException("expected a non-empty " + (path != null ? "'path'" : "'glob'"));
    }
    if (format != null && !format.equalsIgnoreCase(AUTO)) {
      LogFormats.forName(format); // an unknown name fails here, listing the installed formats
    }
    if (timezone != null) {
      zone(timezone);
    }
  }

  /** The zone a {@code timezone} value names. */
  static ZoneId zone(String timezone) {
    try {
      return ZoneId.of(timezone.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone '" + timezone
          + "': expected a region such as Europe/Paris, or an offset such as +01:00 or UTC", e);
    }
  }
}
