package org.smtptrail.core.event;

/**
 * The server accepted the message (or one recipient of it) and threw it away on purpose: a delivery agent that
 * discards (Postfix discard(8)), a content check, a milter or an access rule whose action is DISCARD. The client was
 * told the mail was accepted, and nobody is told that it was not delivered.
 *
 * @param recipient         the recipient thrown away, or null when the line names none (the whole message was)
 * @param originalRecipient the address the sender used, when the server rewrote it (alias); else null
 * @param sender            the envelope sender, when the line has it
 * @param client            "host[ip]" of the SMTP client, when the line has it
 * @param rule              what discarded it, in words a mail admin knows ("the discard(8) transport", "a
 *                          header_checks DISCARD rule", ...)
 * @param reason            what the server logged as the reason (the discard transport's next hop, a check's
 *                          matched text and optional text), or null
 */
public record Discarded(
    EventHeader header,
    String recipient,
    String originalRecipient,
    String sender,
    String client,
    String rule,
    String reason)
    implements LogEvent {}
