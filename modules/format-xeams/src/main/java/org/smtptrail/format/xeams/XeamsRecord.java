package org.smtptrail.format.xeams;

import java.time.Instant;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.SourceLine;

/**
 * One Xeams record (its continuation lines joined) with its prefix read.
 *
 * @param source the record: its first line's number and offset, the joined text
 * @param time   when it was written, in the source's zone
 * @param lcid   the LCID, or null when the record has none
 * @param body   the text after the prefix
 * @param log    which log it belongs to
 * @param host   the Xeams server's label
 */
record XeamsRecord(SourceLine source, Instant time, String lcid, String body, XeamsLog log, String host) {

  /** The header of an event this record tells, filed under {@code localId}. */
  EventHeader header(String localId) {
    return new EventHeader(source, time, host, XeamsFormat.NAME, log.program(), localId);
  }
}
