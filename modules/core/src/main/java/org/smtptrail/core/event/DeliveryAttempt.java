package org.smtptrail.core.event;

import org.smtptrail.core.smtp.SmtpReply;

/**
 * One attempt to deliver the message to one recipient.
 *
 * @param recipient         the recipient address as logged (after rewriting)
 * @param originalRecipient the address the sender used, when the server rewrote it (alias, forward); else null
 * @param status            the attempt's outcome
 * @param local             true when the attempt stored the message locally (mailbox, maildir, LMTP store, pipe)
 *                          rather than handing it to another server
 * @param relay             where it went; may be null
 * @param reply             the deciding SMTP reply (code, enhanced status, text), or null when there was none
 *                          (connection refused, DNS failure, local delivery)
 * @param detail            the server's own explanation (Postfix's parenthesised text), or null
 * @param delaySeconds      total delay in seconds as logged, or -1
 */
public record DeliveryAttempt(
    EventHeader header,
    String recipient,
    String originalRecipient,
    DeliveryStatus status,
    boolean local,
    Relay relay,
    SmtpReply reply,
    String detail,
    double delaySeconds)
    implements LogEvent {}
