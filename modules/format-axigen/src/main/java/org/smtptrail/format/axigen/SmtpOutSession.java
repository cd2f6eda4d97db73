package org.smtptrail.format.axigen;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Relay;
import org.smtptrail.core.event.SourceLine;

/**
 * What {@link SmtpOutSessions} knows of one SMTP-OUT session: the remote server, the replies it still owes, the
 * lines before the first MAIL FROM, and the transaction under way.
 */
final class SmtpOutSession {
  final String id;
  final List<SharedLine> preamble = new ArrayList<>();
  final Deque<Slot> awaited = new ArrayDeque<>();
  /** The first lines of a multi-line reply ("552-..."), joined until its last line. */
  final StringBuilder continuation = new StringBuilder();
  OutTransaction current;
  /** The session's connection line, also offered to PROCESSING state lines while no conversation is logged. */
  SmtpOutConnects.Connect connect;
  String relayName;
  String relayAddress;
  int relayPort = -1;
  int orphans;
  /** How many of the first preamble lines a transaction with a recipient took as its evidence. */
  int preambleUsedLines;
  Instant lastActivity;

  SmtpOutSession(String id) {
    this.id = id;
  }

  /** A reply awaited from the remote server, in command order (commands may be pipelined). */
  record Slot(String verb, String recipient) {}

  /** A session line that concerns every recipient of the transaction (connect, banner, MAIL FROM). */
  record SharedLine(SourceLine source, AxigenLine line, String what) {
    PendingEvent about(String recipient) {
      return new PendingEvent(source, line, h -> new Observation(h, recipient, what));
    }
  }

  /**
   * One message's part of a session. Its session-wide lines are filed once per recipient, so a recipient's evidence
   * shows the session that carried it and not the sessions of the message's other recipients.
   */
  static final class OutTransaction extends Transaction {
    final SmtpOutSession session;
    final String sender;
    final List<SharedLine> shared;
    final List<String> recipients = new ArrayList<>();
    final List<String> bounced = new ArrayList<>();
    final List<String> sent = new ArrayList<>();
    /** Every recipient with an outcome (sent, deferred, bounced) not yet reported to the queue. */
    final List<String> decided = new ArrayList<>();

    /** How many of {@link #shared} are the session's preamble (the session reports those if no one used them). */
    private final int preambleLines;

    OutTransaction(SmtpOutSession session, String sender) {
      super(List.of());
      this.session = session;
      this.sender = sender;
      this.shared = new ArrayList<>(session.preamble);
      this.preambleLines = shared.size();
    }

    /** A transaction that never named a recipient: its own session lines (MAIL FROM, ...) are counted as skipped. */
    void discardWithoutRecipients(EventSink sink) {
      discard(sink);
      shared.subList(preambleLines, shared.size()).forEach(line -> sink.skipped(line.source()));
    }

    boolean hasRecipient(String recipient) {
      String wanted = MailAddresses.normalize(recipient);
      return recipients.stream().anyMatch(r -> MailAddresses.normalize(r).equals(wanted));
    }

    void addShared(SharedLine line, EventSink sink) {
      shared.add(line);
      recipients.forEach(recipient -> add(line.about(recipient), sink));
    }

    void addRecipient(String recipient, EventSink sink) {
      recipients.add(recipient);
      session.preambleUsedLines = Math.max(session.preambleUsedLines, preambleLines);
      shared.forEach(line -> add(line.about(recipient), sink));
    }
  }

  /** Where the session's attempts went: "mx.example.org[198.51.100.25]:25", the name from the remote's banner. */
  Relay relay() {
    if (relayAddress == null && relayName == null) {
      return null;
    }
    return new Relay(relayName == null ? "" : relayName, relayAddress, relayPort);
  }

  /** The transaction of a RCPT TO: the current one, or a new one when MAIL FROM was not logged. */
  OutTransaction transaction(List<OutTransaction> untied) {
    if (current == null) {
      start(null, untied);
    }
    return current;
  }

  /** MAIL FROM: a new transaction, which waits in {@code untied} until it is tied to its message. */
  OutTransaction start(String sender, List<OutTransaction> untied) {
    current = new OutTransaction(this, sender);
    untied.add(current);
    return current;
  }
}
