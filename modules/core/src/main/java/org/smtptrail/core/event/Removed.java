package org.smtptrail.core.event;

/**
 * The message left the queue: after delivery, or deleted by an administrator.
 *
 * @param byAdministrator true when an administrator deleted it (postsuper -d)
 */
public record Removed(EventHeader header, boolean byAdministrator) implements LogEvent {}
