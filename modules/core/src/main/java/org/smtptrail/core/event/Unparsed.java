package org.smtptrail.core.event;

/**
 * A record that looks like the format but could not be read. It is indexed with its raw text, so it stays
 * searchable evidence, and counted in the summary with its position.
 *
 * @param expected what the parser expected at the point it gave up
 */
public record Unparsed(EventHeader header, String expected) implements LogEvent {}
