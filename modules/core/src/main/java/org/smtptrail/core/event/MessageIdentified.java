package org.smtptrail.core.event;

/** The message's Message-ID header, as logged (angle brackets kept when the log has them). */
public record MessageIdentified(EventHeader header, String messageId) implements LogEvent {}
