package org.smtptrail.format.xeams;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Relay;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.core.smtp.SmtpReplies;
import org.smtptrail.core.smtp.SmtpReply;

/**
 * Follows the SMTP dialogues of SMTPOutboundConversation.log, one per LCID; sessions interleave in the file when
 * Xeams talks to several servers at once. A line is a reply when its text starts with a reply code, else a command
 * (the arrows' letters contradict the KB's prose, format note §2, so they are not trusted). Replies answer the
 * oldest command still waiting, which also covers pipelining. The reply to RCPT TO decides a refused recipient; the
 * reply to the end of the data decides every recipient accepted at RCPT. Everything else is an {@link Observation};
 * those of a recipient name the server the connection went to, so a row the log leaves undecided (it ends after RCPT
 * TO) still says where the recipient went.
 *
 * <p>The lines of a transaction are held back until its first RCPT TO, so that the links that name the transaction
 * ({@link TransactionLinks}) reach the correlator before the lines filed under the LCID.
 */
final class OutboundConversations {
  static final String EXPECTED = "a conversation line: 'S <-- command', 'C --> reply' or a '****' connection marker";
  private static final int MAX_SESSIONS = 10_000;
  private static final long IDLE_MILLIS = 3_600_000L;

  private enum Verb { MAIL, RCPT, DATA, END_OF_DATA, RSET, QUIT, OTHER }

  private record Command(Verb verb, String recipient) {}

  /** One MAIL FROM ... transaction of a session. */
  private static final class Transaction {
    final String sender;
    final String id;
    final XeamsRecord mailFrom;
    final Set<String> accepted = new LinkedHashSet<>();
    boolean announced;
    /** What MAIL FROM said: the message's sender, once a recipient is named; else a line of the connection. */
    Queued queued;
    boolean named;
    boolean demoted;

    Transaction(String sender, String id, XeamsRecord mailFrom) {
      this.sender = sender;
      this.id = id;
      this.mailFrom = mailFrom;
    }
  }

  /** One connection (LCID): where it went, the commands waiting for replies, events held back. */
  private static final class Session {
    final String lcid;
    final Deque<Command> waiting = new ArrayDeque<>();
    final List<LogEvent> held = new ArrayList<>();
    Relay relay;
    Transaction transaction;
    boolean holding = true;
    boolean broken;
    long lastSeen;

    Session(String lcid) {
      this.lcid = lcid;
    }
  }

  private final Map<String, Session> sessions = new LinkedHashMap<>(64, 0.75f, true);
  private final TransactionLinks links;

  OutboundConversations(TransactionLinks links) {
    this.links = links;
  }

  void accept(XeamsRecord record, EventSink sink) {
    String lcid = record.lcid();
    if (lcid == null) {
      sink.skipped(record.source()); // not about a connection: a start-up or roll-over note
      return;
    }
    closeIdle(record.time(), sink);
    String body = record.body();
    if (body.startsWith("*")) {
      marker(record, sink);
      return;
    }
    Session session = session(lcid, record.time());
    int textAt = XeamsLog.arrowAt(body);
    if (textAt < 0) {
      emit(session, new Unparsed(record.header(lcid), EXPECTED), sink);
      return;
    }
    String text = body.substring(textAt).strip();
    if (SmtpReplies.parseAt(text, 0) != null) {
      reply(session, record, text, sink);
    } else {
      command(session, record, text, sink);
    }
  }

  /** Emits what is held back (the tailer waited, or the file ended); the dialogues' state is kept. */
  void flush(EventSink sink) {
    for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
      Session session = it.next();
      Transaction transaction = session.transaction;
      if (transaction != null && !transaction.announced) {
        demote(session, transaction);
        links.switchTo(transaction.mailFrom, transaction.id, session.lcid, null, sink);
        transaction.announced = true;
      }
      release(session, sink);
      if (session.broken) {
        it.remove();
      }
    }
  }

  /** The first line of the earliest event still held back, or null. */
  SourceLine earliestHeld() {
    SourceLine earliest = null;
    for (Session session : sessions.values()) {
      for (LogEvent event : session.held) {
        SourceLine source = event.header().source();
        if (earliest == null || source.byteOffset() < earliest.byteOffset()) {
          earliest = source;
        }
      }
    }
    return earliest;
  }

  private void marker(XeamsRecord record, EventSink sink) {
    String lcid = record.lcid();
    int start = 0;
    while (start < record.body().length() && record.body().charAt(start) == '*') {
      start++;
    }
    String text = record.body().substring(start).strip();
    String lower = text.toLowerCase(Locale.ROOT);
    int to = lower.indexOf("connection to");
    if (to >= 0 && !ConversationLines.isFailure(lower)) {
      Session previous = sessions.get(lcid);
      if (previous != null) {
        close(previous, sink);
      }
      Session session = session(lcid, record.time());
      session.relay = ConversationLines.relay(text.substring(to + "connection to".length()));
      emit(session, new Observation(record.header(lcid), null, text), sink);
      return;
    }
    Session session = session(lcid, record.time());
    emit(session, new Observation(record.header(lcid), null, text), sink);
    if (ConversationLines.isFailure(lower)) {
      if (session.transaction != null) {
        close(session, sink);
      } else {
        // a connection that never carried a message names none: its lines wait (until flush) so that the audit
        // line written just after it, which names the message and links the LCID to it, is read first
        session.broken = true;
      }
    }
  }

  private void command(Session session, XeamsRecord record, String text, EventSink sink) {
    String lcid = session.lcid;
    Verb verb = Verb.OTHER;
    if (ConversationLines.startsWithIgnoreCase(text, "MAIL FROM:")) {
      endTransaction(session, sink);
      String sender = ConversationLines.address(text, "MAIL FROM:".length());
      sender = sender == null ? "" : sender;
      session.transaction = new Transaction(sender, TransactionLinks.transactionId(lcid, sender), record);
      session.holding = true;
      session.transaction.queued = new Queued(record.header(lcid), sender, ConversationLines.sizeParameter(text), -1);
      emit(session, session.transaction.queued, sink);
      session.waiting.add(new Command(Verb.MAIL, null));
      return;
    } else if (ConversationLines.startsWithIgnoreCase(text, "RCPT TO:")) {
      String recipient = ConversationLines.address(text, "RCPT TO:".length());
      if (recipient == null || recipient.isEmpty()) {
        emit(session, new Unparsed(record.header(lcid), "RCPT TO:<address>"), sink);
        session.waiting.add(new Command(Verb.OTHER, null));
        return;
      }
      announce(session, record, recipient, sink);
      emit(session, new Observation(record.header(lcid), recipient, text, session.relay), sink);
      session.waiting.add(new Command(Verb.RCPT, recipient));
      return;
    } else if (text.equalsIgnoreCase("DATA")) {
      verb = Verb.DATA;
    } else if (text.equals(".")) {
      // the end of the data is implied by the 354 reply; an explicit "." adds nothing to wait for
      verb = session.waiting.stream().anyMatch(c -> c.verb() == Verb.END_OF_DATA) ? null : Verb.END_OF_DATA;
    } else if (ConversationLines.startsWithIgnoreCase(text, "RSET")) {
      verb = Verb.RSET;
    } else if (ConversationLines.startsWithIgnoreCase(text, "QUIT")) {
      verb = Verb.QUIT;
    }
    emit(session, new Observation(record.header(lcid), null, text), sink);
    if (verb != null) {
      session.waiting.add(new Command(verb, null));
    }
  }

  /** Before a transaction's first recipient: the links that name it, then what was held back. */
  private void announce(Session session, XeamsRecord record, String recipient, EventSink sink) {
    Transaction transaction = session.transaction;
    if (transaction == null) {
      release(session, sink); // the log starts inside the dialogue: no sender, no transaction to name
      return;
    }
    links.join(record, transaction.id, recipient, TransactionLinks.pendingId(transaction.sender, recipient, null),
        sink);
    transaction.named = true;
    if (transaction.demoted) {
      emit(session, transaction.queued, sink); // a recipient after all (the file went on after a flush)
      transaction.demoted = false;
    }
    if (!transaction.announced) {
      links.switchTo(transaction.mailFrom, transaction.id, session.lcid, null, sink);
      transaction.announced = true;
      release(session, sink);
    }
  }

  private void reply(Session session, XeamsRecord record, String text, EventSink sink) {
    SmtpReply reply = SmtpReplies.parseAt(text, 0);
    boolean continued = text.length() > 3 && text.charAt(3) == '-';
    Command command = continued ? session.waiting.peek() : session.waiting.poll();
    String recipient = command != null && command.verb() == Verb.RCPT ? command.recipient() : null;
    Observation observation = new Observation(record.header(session.lcid), recipient, text,
        recipient == null ? null : session.relay);
    if (continued || command == null) {
      emit(session, observation, sink);
    } else {
      switch (command.verb()) {
        case RCPT -> recipientReply(session, record, reply, observation, sink);
        case DATA -> {
          if (reply.code() >= 300 && reply.code() < 400) {
            emit(session, observation, sink);
            session.waiting.add(new Command(Verb.END_OF_DATA, null));
          } else {
            outcome(session, record, reply, observation, sink);
          }
        }
        case END_OF_DATA -> outcome(session, record, reply, observation, sink);
        case RSET -> {
          emit(session, observation, sink);
          endTransaction(session, sink);
        }
        case MAIL, QUIT, OTHER -> emit(session, observation, sink);
      }
    }
    if (!continued && (reply.code() == 221 || reply.code() == 421)) {
      close(session, sink);
    }
  }

  private void recipientReply(Session session, XeamsRecord record, SmtpReply reply, Observation observation,
      EventSink sink) {
    String recipient = observation.recipient();
    if (reply.isPositive()) {
      if (session.transaction != null) {
        session.transaction.accepted.add(recipient);
      }
      emit(session, observation, sink);
    } else if (reply.isTransient() || reply.isPermanent()) {
      DeliveryStatus status = reply.isPermanent() ? DeliveryStatus.BOUNCED : DeliveryStatus.DEFERRED;
      emit(session, attempt(session, record, recipient, status, reply), sink);
    } else {
      emit(session, observation, sink);
    }
  }

  /** The reply to DATA or to the end of the data decides every recipient accepted at RCPT. */
  private void outcome(Session session, XeamsRecord record, SmtpReply reply, Observation observation,
      EventSink sink) {
    Transaction transaction = session.transaction;
    DeliveryStatus status = reply.isPositive() ? DeliveryStatus.SENT
        : reply.isPermanent() ? DeliveryStatus.BOUNCED : reply.isTransient() ? DeliveryStatus.DEFERRED : null;
    if (transaction == null || transaction.accepted.isEmpty() || status == null) {
      emit(session, observation, sink);
      return;
    }
    for (String recipient : transaction.accepted) {
      emit(session, attempt(session, record, recipient, status, reply), sink);
    }
    transaction.accepted.clear();
  }

  private static DeliveryAttempt attempt(Session session, XeamsRecord record, String recipient,
      DeliveryStatus status, SmtpReply reply) {
    return new DeliveryAttempt(record.header(session.lcid), recipient, null, status, false, session.relay, reply,
        null, -1);
  }

  /** Ends the transaction in progress; lines held before the session's first one stay held for the next. */
  private void endTransaction(Session session, EventSink sink) {
    Transaction transaction = session.transaction;
    if (transaction == null) {
      return;
    }
    if (!transaction.announced) {
      // no recipient was named: the lines still belong to this sender's transaction
      demote(session, transaction);
      links.switchTo(transaction.mailFrom, transaction.id, session.lcid, null, sink);
      transaction.announced = true;
    }
    release(session, sink);
    session.transaction = null;
  }

  /**
   * A transaction that named no recipient (yet) makes no message: its MAIL FROM, held back until now, is told as a line
   * of the connection rather than as the message's sender, so a conversation that names no recipient gives no row. An
   * audit line that names the recipient (the LCID links it) tells the sender itself.
   */
  private static void demote(Session session, Transaction transaction) {
    if (transaction.named || transaction.demoted) {
      return;
    }
    Queued queued = transaction.queued;
    int at = session.held.indexOf(queued);
    if (at >= 0) {
      String text = transaction.mailFrom.body().substring(Math.max(0, XeamsLog.arrowAt(transaction.mailFrom.body())));
      session.held.set(at, new Observation(queued.header(), null, text.strip()));
      transaction.demoted = true;
    }
  }

  private void close(Session session, EventSink sink) {
    endTransaction(session, sink);
    release(session, sink);
    sessions.remove(session.lcid);
  }

  private void closeIdle(Instant now, EventSink sink) {
    long cutoff = now == null ? Long.MIN_VALUE : now.toEpochMilli() - IDLE_MILLIS;
    for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
      Session eldest = it.next();
      if (eldest.lastSeen >= cutoff && sessions.size() <= MAX_SESSIONS) {
        return;
      }
      it.remove();
      endTransaction(eldest, sink);
      release(eldest, sink);
    }
  }

  private Session session(String lcid, Instant time) {
    Session session = sessions.computeIfAbsent(lcid, Session::new);
    if (time != null) {
      session.lastSeen = time.toEpochMilli();
    }
    return session;
  }

  private static void emit(Session session, LogEvent event, EventSink sink) {
    if (session.holding) {
      session.held.add(event);
    } else {
      sink.accept(event);
    }
  }

  private static void release(Session session, EventSink sink) {
    session.held.forEach(sink::accept);
    session.held.clear();
    session.holding = false;
  }
}
