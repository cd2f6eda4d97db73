package org.smtptrail.engine.query;

import java.time.Instant;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.store.AddressPattern;
import org.smtptrail.engine.store.QueryRefusedException;

/**
 * The filters of a trace; every one is optional (null). User text is always taken literally, never as Lucene
 * query syntax. A text that could match nothing because it is longer than any address, domain, Message-ID or id
 * there is, or an address pattern that would cost too much ({@link AddressPattern}), is refused when the query is
 * made, before any search: {@link QueryRefusedException} names the parameter as the API does ({@code to},
 * {@code message_id}).
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
  /** The longest domain name: RFC 1035's 255 octets on the wire are 253 characters of text. */
  public static final int MAX_DOMAIN = 253;
  /** A Message-ID cannot be folded, so it fits on one header line: at most 998 characters (RFC 5322). */
  public static final int MAX_MESSAGE_ID = 998;
  /** A queue id or LCID is a few dozen characters, a message key a format, a host name and one of those. */
  public static final int MAX_ID = 512;

  public TraceQuery {
    checkAddress("to", to);
    checkAddress("from", from);
    checkLength("domain", domain == null ? null : TraceSearcher.normalizeDomain(domain), MAX_DOMAIN,
        "any domain name has");
    checkLength("message_id", MailAddresses.normalizeMessageId(messageId), MAX_MESSAGE_ID,
        "a header line may hold");
    checkLength("id", id == null ? null : id.strip(), MAX_ID, "a queue id, LCID or message key has");
  }

  private static void checkAddress(String parameter, String typed) {
    if (typed == null) {
      return;
    }
    try {
      AddressPattern.check(typed);
    } catch (QueryRefusedException refused) {
      throw refused.about(parameter);
    }
  }

  private static void checkLength(String parameter, String text, int most, String whose) {
    if (text != null && text.length() > most) {
      throw new QueryRefusedException("this text has " + text.length() + " characters, more than " + whose
          + " (at most " + most + "): it would match nothing").about(parameter);
    }
  }

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
