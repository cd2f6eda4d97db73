package org.smtptrail.core.event;

import org.smtptrail.core.smtp.SmtpReply;

/**
 * The answer to an address-verification probe: the server sent a message only to learn whether a recipient would be
 * accepted (Postfix verify(8) for {@code reject_unverified_sender/recipient}, or {@code sendmail -bv}), and the
 * delivery agent stopped at the answer instead of delivering. A probe is not a delivery: its message gets no verdict
 * row, and probes are counted apart.
 *
 * @param recipient   the address probed
 * @param deliverable the answer: true for "deliverable", false for "undeliverable" (refused for good or for now)
 * @param relay       the server asked, or null
 * @param reply       its reply, or null when there was none (no connection)
 * @param detail      the server's own explanation (Postfix's parenthesised text), or null
 */
public record Probed(
    EventHeader header, String recipient, boolean deliverable, Relay relay, SmtpReply reply, String detail)
    implements LogEvent {}
