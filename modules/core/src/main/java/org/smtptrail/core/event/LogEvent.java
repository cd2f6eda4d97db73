package org.smtptrail.core.event;

/**
 * Something a log line says about a message. The set is closed so that a new kind breaks every exhaustive switch
 * that has to handle it.
 */
public sealed interface LogEvent
    permits Received,
        MessageIdentified,
        Queued,
        DeliveryAttempt,
        Rejected,
        Expired,
        Linked,
        Removed,
        Observation,
        Probed,
        Unparsed {
  /** Source, time, host, format and local id. */
  EventHeader header();

  /** The recipient this event is about, or null when it concerns the whole message. */
  default String recipient() {
    return null;
  }
}
