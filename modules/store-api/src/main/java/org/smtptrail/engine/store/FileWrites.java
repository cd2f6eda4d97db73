package org.smtptrail.engine.store;

import java.util.List;
import org.smtptrail.core.event.LogEvent;

/**
 * Prepares the writes of the events read from one file (one instance per file, used by one thread): what is the same
 * for all of them (the file's id, its host) is prepared once.
 */
public interface FileWrites {
  /**
   * The write of events of one message read from this file, kept together (a store counts and costs per document
   * more than per byte, and a message has several events); readers treat a document of one event the same way.
   *
   * @param key the correlated message key, or null for an event that belongs to no message (then one event)
   */
  StoreWrite events(String key, List<LogEvent> events);
}
