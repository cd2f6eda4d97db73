package org.smtptrail.core.event;

import org.smtptrail.core.smtp.SmtpReply;

/**
 * The server refused a recipient (or the whole message) before accepting it into the queue.
 *
 * @param recipient the refused recipient, or null when the refusal was not per recipient
 * @param sender    the envelope sender, when logged
 * @param client    "host[ip]" of the client that was refused
 * @param stage     the SMTP stage ("RCPT", "DATA", "END-OF-MESSAGE", ...)
 * @param reply     the reply the server gave
 */
public record Rejected(
    EventHeader header, String recipient, String sender, String client, String stage, SmtpReply reply)
    implements LogEvent {}
