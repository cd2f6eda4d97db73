package org.smtptrail.engine.index;

import org.smtptrail.core.event.LogEvent;

/**
 * An event read back from the index with the message key it was filed under.
 *
 * @param key   the message key, or null
 * @param event the event
 */
public record StoredEvent(String key, LogEvent event) {}
