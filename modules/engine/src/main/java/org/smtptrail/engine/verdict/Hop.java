package org.smtptrail.engine.verdict;

import java.time.Instant;
import org.smtptrail.core.verdict.Verdict;

/**
 * One server a recipient's copy passed through, as that server's log tells it. A row's hops are in time order; the
 * last hop decides the row's verdict.
 *
 * @param host      the server
 * @param format    its log format
 * @param key       the message key on that server
 * @param verdict   what that server did with the recipient
 * @param firstSeen time of the message's first event on that server
 * @param lastEvent time of the last event about the recipient there
 * @param relay     where that server sent it, or null
 * @param reply     that server's deciding reply, or null
 * @param link      how this hop was tied to the previous one ({@code null} for the first)
 */
public record Hop(
    String host,
    String format,
    String key,
    Verdict verdict,
    Instant firstSeen,
    Instant lastEvent,
    String relay,
    String reply,
    HopLink link) {

  /** This hop reached through {@code how}. */
  Hop linkedBy(HopLink how) {
    return new Hop(host, format, key, verdict, firstSeen, lastEvent, relay, reply, how);
  }
}
