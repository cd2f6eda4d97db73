package org.smtptrail.core.event;

/**
 * A line that is evidence about a message but decides nothing by itself: an SMTP command or reply of a conversation
 * log, a connection opened to a relay, a retry scheduled, a filter that passed. It shows up among the evidence of
 * the message (or of one recipient) and in {@code smtptrail events}.
 *
 * @param recipient the recipient it concerns, or null when it concerns the whole message
 * @param what      a short description in the format's own words ("RCPT TO:&lt;a@example.net&gt;", "connected to
 *                  192.0.2.7")
 * @param relay     the server the recipient was being given to on this line (a RCPT TO on a connection to it), or
 *                  null: a row that no attempt decides still says where its recipient went
 */
public record Observation(EventHeader header, String recipient, String what, Relay relay) implements LogEvent {
  /** An observation that names no relay. */
  public Observation(EventHeader header, String recipient, String what) {
    this(header, recipient, what, null);
  }
}
