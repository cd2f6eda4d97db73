package org.smtptrail.engine.query;

import java.time.Instant;
import org.smtptrail.core.verdict.Verdict;

/**
 * The filters of a trace; every one is optional (null). User text is always taken literally, never as Lucene
 * query syntax.
 *
 * @param to        recipient (or original recipient) address; "@domain" and the wildcards {@code *} and {@code ?}
 *                  are allowed ({@link AddressPattern})
 * @param from      envelope sender, as {@code to}
 * @param domain    recipient domain, subdomains included
 * @param messageId Message-ID, with or without brackets
 * @param id        the format's local id (queue id, LCID) or a whole message key
 * @param since     rows whose last event is at or after this
 * @param until     rows whose first event is at or before this
 * @param status    only rows with this verdict
 * @param limit     at most this many rows; 0 for no limit
 * @param offset    rows to skip first, in the output order (paging: page N of size L skips (N - 1) * L)
 */
public record TraceQuery(
    String to,
    String from,
    String domain,
    String messageId,
    String id,
    Instant since,
    Instant until,
    Verdict status,
    int limit,
    int offset) {

  /** A query from the first row on. */
  public TraceQuery(String to, String from, String domain, String messageId, String id, Instant since, Instant until,
      Verdict status, int limit) {
    this(to, from, domain, messageId, id, since, until, status, limit, 0);
  }

  /** No filter, the default limit. */
  public static TraceQuery all() {
    return new TraceQuery(null, null, null, null, null, null, null, null, 100);
  }

  /** This query for one recipient. */
  public TraceQuery withTo(String recipient) {
    return new TraceQuery(recipient, from, domain, messageId, id, since, until, status, limit, offset);
  }

  /** This query with another limit (0: none). */
  public TraceQuery withLimit(int rows) {
    return new TraceQuery(to, from, domain, messageId, id, since, until, status, rows, offset);
  }
}
