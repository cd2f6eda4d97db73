package org.smtptrail.format.axigen;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;

/**
 * One message's part of an SMTP session (from MAIL FROM to the reply after the data, in SMTP-IN or SMTP-OUT). Its
 * events wait here until the transaction is tied to the message's queue id; after that they go straight out.
 */
class Transaction {
  private final List<PendingEvent> waiting = new ArrayList<>();
  /** Recipients the server accepted at RCPT, in order: the reply after the data speaks for all of them. */
  final List<String> accepted = new ArrayList<>();
  private String localId;
  private Instant lastActivity;

  /** A transaction whose evidence starts with the session's lines before MAIL FROM (connect, banner). */
  Transaction(List<PendingEvent> sessionPreamble) {
    for (PendingEvent event : sessionPreamble) {
      waiting.add(event);
      if (event.line().time() != null) {
        lastActivity = event.line().time();
      }
    }
  }

  /** Files an event of this transaction: at once when the transaction is tied, else when it is. */
  final void add(PendingEvent event, EventSink sink) {
    if (event.line().time() != null) {
      lastActivity = event.line().time();
    }
    if (localId != null) {
      sink.accept(event.withLocalId(localId));
    } else {
      waiting.add(event);
    }
  }

  /** Ties the transaction to a local id and emits what waited. Tying again is ignored: the first tie holds. */
  final void tie(String id, EventSink sink) {
    if (localId != null) {
      return;
    }
    localId = id;
    for (PendingEvent event : waiting) {
      sink.accept(event.withLocalId(id));
    }
    waiting.clear();
  }

  /**
   * Drops what waited: a transaction that turned out to carry no recipient. Its lines are reported as skipped, except
   * unparsed ones, which are still filed (without message) so that they are counted and listed.
   */
  final void discard(EventSink sink) {
    for (PendingEvent event : waiting) {
      LogEvent unfiled = event.withLocalId(null);
      if (unfiled instanceof Unparsed) {
        sink.accept(unfiled);
      } else {
        sink.skipped(event.source());
      }
    }
    waiting.clear();
  }

  /** A positive reply to RCPT TO: the recipient waits for the reply after the data; the line is its evidence. */
  final void accept(String recipient, SourceLine source, AxigenLine line, EventSink sink) {
    accepted.add(recipient);
    String what = source.text().substring(line.textStart());
    add(new PendingEvent(source, line, h -> new Observation(h, recipient, what)), sink);
  }

  /** Applies a reply that concerns every accepted recipient; a line concerning none is skipped. */
  final void forEachAccepted(SourceLine source, EventSink sink, Consumer<String> action) {
    if (accepted.isEmpty()) {
      sink.skipped(source);
    }
    accepted.forEach(action);
  }

  final boolean isTied() {
    return localId != null;
  }

  /** The local id, or null while untied. */
  final String localId() {
    return localId;
  }

  /** Time of the newest line, or null when none had a time. */
  final Instant lastActivity() {
    return lastActivity;
  }
}
