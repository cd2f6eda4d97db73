package org.smtptrail.core.event;

/**
 * The message entered the server: over SMTP from {@code client}, or submitted locally.
 *
 * @param client       "host[ip]" of the SMTP client, or "local" for a local submission
 * @param authenticatedUser the SASL user name, or null
 */
public record Received(EventHeader header, String client, String authenticatedUser) implements LogEvent {}
