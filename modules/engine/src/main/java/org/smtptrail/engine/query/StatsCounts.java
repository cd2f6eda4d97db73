package org.smtptrail.engine.query;

/**
 * The counts of {@code stats} for everything or for one group. Every row (one per message and recipient) lands in
 * exactly one of handedOver, deliveredLocally, forwarded, deferred, bounced, expired, rejected and unknown, so those
 * add up to {@code rows}.
 *
 * @param messages         messages with at least one row counted
 * @param rows             (message, recipient) rows, as {@code trace} lists them
 * @param received         "received" events of those messages: accepted from an SMTP client or a local submission
 *                         (Postfix client= and pickup lines); and those of the address-verification probes a user
 *                         submitted ({@code sendmail -bv}), which have no row, as pflogsumm counts them
 * @param handedOver       rows accepted by a remote server (not counting forwarded rows)
 * @param deliveredLocally rows stored in a local mailbox (not counting forwarded rows)
 * @param forwarded        rows the server forwarded to other addresses (alias, .forward) under a new message; the
 *                         verdict of such a row is that of the new message, which is counted on its own as well
 * @param deferred         rows still waiting for a retry: their last attempt failed temporarily
 * @param messagesDeferred messages with at least one temporary failure, whatever came after (pflogsumm "deferred")
 * @param deferrals        temporarily failed attempts (pflogsumm "deferrals")
 * @param bounced          rows permanently refused or given up
 * @param expired          rows given up when the queue lifetime ran out
 * @param rejected         rows refused before the message was queued
 * @param unknown          rows the logs do not decide
 * @param bytesReceived    sizes of the received messages (probes a user submitted included), where logged
 * @param bytesDelivered   size of the message for every handed-over or locally delivered row, where logged
 */
public record StatsCounts(
    long messages,
    long rows,
    long received,
    long handedOver,
    long deliveredLocally,
    long forwarded,
    long deferred,
    long messagesDeferred,
    long deferrals,
    long bounced,
    long expired,
    long rejected,
    long unknown,
    long bytesReceived,
    long bytesDelivered) {

  /** Rows handed over or delivered locally, forwarded rows not included (pflogsumm "delivered"). */
  public long delivered() {
    return handedOver + deliveredLocally;
  }
}
