package org.smtptrail.engine.verdict;

import java.time.Instant;
import java.util.List;
import org.smtptrail.core.verdict.Verdict;

/**
 * The answer for one (message, recipient): the verdict and what proves it. Field names follow the JSON contract of
 * DESIGN.md.
 *
 * @param recipient         the recipient as logged, or null when the message's recipients are not known yet
 * @param originalRecipient the address before rewriting (alias, forward), or null
 * @param sender            envelope sender ("" for the null sender), or null when not seen
 * @param messageId         the Message-ID, or null
 * @param key               the message key, e.g. "postfix:mx1:3F2A81C0D2"
 * @param verdict           the verdict
 * @param relay             where the deciding attempt went, e.g. "mx.example.net[203.0.113.7]:25"
 * @param replyCode         the deciding SMTP reply code, or null
 * @param dsn               the enhanced status code, or null
 * @param reply             the deciding reply or explanation
 * @param remoteId          the remote server's id for the message, from its 2xx reply ("queued as 4XyZ"), or null
 * @param attempts          delivery attempts for this recipient
 * @param firstSeen         time of the message's first event
 * @param lastEvent         time of the last event about this recipient (or the message)
 * @param category          diagnosis category wire name for failed or pending verdicts, else null
 * @param hint              what a support agent can do, with the category
 * @param format            the log format
 * @param host              the mail server
 * @param client            where the message came from ("host[ip]" or "local"), or null
 * @param forwardedAs        the local id (while deciding) or message key (once followed) under which the server
 *                          forwarded this recipient's copy (an alias or .forward), or null
 * @param evidence          the lines, in time order (hop by hop when the row spans several servers)
 * @param hops              the servers the recipient's copy passed through, in time order; one when no other indexed
 *                          server continued it (null or empty: this row's own server)
 */
public record DeliveryRow(
    String recipient,
    String originalRecipient,
    String sender,
    String messageId,
    String key,
    Verdict verdict,
    String relay,
    Integer replyCode,
    String dsn,
    String reply,
    String remoteId,
    int attempts,
    Instant firstSeen,
    Instant lastEvent,
    String category,
    String hint,
    String format,
    String host,
    String client,
    String forwardedAs,
    List<Evidence> evidence,
    List<Hop> hops) {

  public DeliveryRow {
    evidence = List.copyOf(evidence);
    hops = hops == null || hops.isEmpty()
        ? List.of(new Hop(host, format, key, verdict, firstSeen, lastEvent, relay, reply, null))
        : List.copyOf(hops);
  }

  /** The last server's view of the recipient, i.e. the row's verdict, relay and reply come from there. */
  public Hop lastHop() {
    return hops.get(hops.size() - 1);
  }

  /**
   * The journey of a recipient across servers: {@code next} continued this row's copy on another server (reached
   * through {@code link}). Where the message started (key, host, sender, client, first seen) stays this row's; what
   * happened to it (verdict, relay, reply, attempts, diagnosis) is the last server's; the Message-ID is the first one
   * known (Xeams logs none, the next server does); the evidence is both servers', hop by hop.
   */
  public DeliveryRow continuedBy(DeliveryRow next, HopLink link) {
    List<Evidence> both = new java.util.ArrayList<>(evidence);
    next.evidence().stream().filter(line -> !evidence.contains(line)).forEach(both::add);
    List<Hop> journey = new java.util.ArrayList<>(hops);
    journey.add(next.hops().get(0).linkedBy(link));
    journey.addAll(next.hops().subList(1, next.hops().size()));
    return new DeliveryRow(recipient, originalRecipient != null ? originalRecipient : next.originalRecipient(),
        sender != null ? sender : next.sender(), messageId != null ? messageId : next.messageId(), key,
        next.verdict(), next.relay(), next.replyCode(), next.dsn(), next.reply(), next.remoteId(), next.attempts(),
        firstSeen, later(lastEvent, next.lastEvent()), next.category(), next.hint(), format, host, client,
        next.forwardedAs(), both, journey);
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b != null && b.isAfter(a) ? b : a;
  }

  /**
   * This row decided by the message its copy was forwarded as: that message's verdict and reply, both evidence lists.
   */
  public DeliveryRow followedBy(DeliveryRow continuation) {
    List<Evidence> both = new java.util.ArrayList<>(evidence);
    both.addAll(continuation.evidence());
    Instant last = later(lastEvent, continuation.lastEvent());
    return new DeliveryRow(recipient, originalRecipient, sender, messageId, key, continuation.verdict(),
        continuation.relay(), continuation.replyCode(), continuation.dsn(), continuation.reply(),
        continuation.remoteId(), continuation.attempts(), firstSeen, last, continuation.category(),
        continuation.hint(), format, host, client, continuation.key(), both, null);
  }
}
