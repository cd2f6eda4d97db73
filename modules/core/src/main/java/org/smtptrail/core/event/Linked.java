package org.smtptrail.core.event;

/**
 * The message continues, or has a companion, under another local id on the same host.
 *
 * @param recipient     the recipient concerned (a forwarded recipient), or null
 * @param linkedLocalId the other local id
 * @param reason        why they are linked
 */
public record Linked(EventHeader header, String recipient, String linkedLocalId, LinkReason reason)
    implements LogEvent {}
