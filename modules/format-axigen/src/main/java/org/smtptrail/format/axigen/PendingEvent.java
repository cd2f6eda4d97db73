package org.smtptrail.format.axigen;

import java.util.function.Function;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.SourceLine;

/**
 * An event whose line has been read but whose local id is not known yet: an SMTP-IN line before its "New mail ...
 * enqueued with id" line, an SMTP-OUT line before smtptrail knows which queued message the session carries. It is
 * made once the id is known, so every event of a message reaches the correlator under the message's queue id.
 *
 * @param source  the line
 * @param line    its parsed prefix (time, host, module)
 * @param factory makes the event from its header
 */
record PendingEvent(SourceLine source, AxigenLine line, Function<EventHeader, LogEvent> factory) {
  /** The event, filed under {@code localId}. */
  LogEvent withLocalId(String localId) {
    return factory.apply(header(localId));
  }

  /** The header of this line's events under {@code localId}. */
  EventHeader header(String localId) {
    return line.header(source, localId);
  }
}
