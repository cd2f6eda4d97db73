package org.smtptrail.engine.ingest;

import java.time.ZoneId;

/**
 * How to read the files of one {@code index} run.
 *
 * @param format    the format name to use for every file, or null to sniff each file
 * @param zone      zone of timestamps that carry none
 * @param hostLabel host name for lines that carry none, or null
 */
public record IngestOptions(String format, ZoneId zone, String hostLabel) {
  public static IngestOptions defaults() {
    return new IngestOptions(null, ZoneId.systemDefault(), null);
  }
}
