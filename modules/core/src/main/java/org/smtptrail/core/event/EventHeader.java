package org.smtptrail.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * What every event has: where it was read, when it happened, on which host, and the format's own id for the message
 * (Postfix queue id, Xeams LCID, Axigen session or queue id), which the correlator turns into a message key.
 *
 * @param source  the record the event came from (the evidence)
 * @param time    when it happened; null only when the line's timestamp could not be read
 * @param host    the mail server's name (from the line, or the source's label)
 * @param format  the format's name, e.g. "postfix"
 * @param program the daemon or log that wrote it, e.g. "postfix/smtp"; may be null
 * @param localId the format's message id on that host; null when the line has none (a NOQUEUE reject)
 */
public record EventHeader(
    SourceLine source, Instant time, String host, String format, String program, String localId) {
  public EventHeader {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
  }
}
