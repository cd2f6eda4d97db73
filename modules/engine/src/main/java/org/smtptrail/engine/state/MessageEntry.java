package org.smtptrail.engine.state;

/**
 * One local id's message as the correlator remembers it.
 *
 * @param key      the message key its events are filed under
 * @param lastSeen log time (epoch millis) of its latest event
 * @param ended    true once it left the queue: a later event with the same id is a new message
 */
public record MessageEntry(String key, long lastSeen, boolean ended) {}
