package org.smtptrail.core.event;

/**
 * The message's queue lifetime ran out: every recipient still deferred is given up on.
 *
 * @param sender the envelope sender the message was returned to
 */
public record Expired(EventHeader header, String sender) implements LogEvent {}
