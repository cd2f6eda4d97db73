package org.smtptrail.format.axigen;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.event.MessageIdentified;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Received;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.core.smtp.SmtpReply;

/**
 * Follows SMTP-IN sessions. A session id names a connection, not a message: a session can carry several messages,
 * each from MAIL FROM to the reply after its data, and each becomes a message of its own once its "New mail ...
 * enqueued with id X" line (VERIFIED, logged by default) names the queue id. Until then its lines wait, because on a
 * real server that line comes after the message's PROCESSING lines (VERIFIED), which are filed under X already. A
 * transaction that never gets a queue id (every recipient refused, the client gave up) is filed under
 * "SMTP-IN-&lt;session&gt;" when the session closes.
 */
final class SmtpInSessions {
  /** A session without a line for this long (log time) is closed: the connection is long gone. */
  private static final Duration IDLE = Duration.ofHours(1);
  private static final int MAX_SESSIONS = 20_000;

  private final QueueIndex queue;
  private final Map<String, Session> sessions = new LinkedHashMap<>();

  SmtpInSessions(QueueIndex queue) {
    this.queue = queue;
  }

  /** A reply awaited from Axigen, in command order (clients may pipeline). */
  private record Slot(String verb, String recipient) {}

  private static final class InTransaction extends Transaction {
    String sender;
    boolean hasRecipient;
    boolean dataAccepted;

    InTransaction(List<PendingEvent> preamble) {
      super(preamble);
    }
  }

  private static final class Session {
    final String id;
    final List<PendingEvent> preamble = new ArrayList<>();
    final List<InTransaction> untied = new ArrayList<>();
    final Deque<Slot> awaited = new ArrayDeque<>();
    InTransaction current;
    String client;
    String clientAddress;
    int orphans;
    boolean preambleUsed;
    Instant lastActivity;

    Session(String id) {
      this.id = id;
    }

    boolean isEmpty() {
      return preamble.isEmpty() && current == null && untied.isEmpty();
    }

    InTransaction startTransaction() {
      current = new InTransaction(preamble);
      preambleUsed |= !preamble.isEmpty();
      untied.add(current);
      return current;
    }
  }

  void parse(AxigenLine line, SourceLine source, EventSink sink) {
    String text = source.text();
    int at = line.textStart();
    if (text.startsWith("[", at) && text.indexOf("connection accepted from", at) > 0) {
      Session previous = sessions.get(line.id());
      if (previous != null && !previous.isEmpty()) {
        close(previous, sink); // the id came round again (restart, wrap): that session is over
      }
      Session session = session(line);
      String peer = AxigenText.bracketAfter(text, "from ", at);
      session.clientAddress = peer == null ? null : AxigenText.addressOf(peer);
      session.preamble.add(new PendingEvent(source, line, h -> new Observation(h, null, text.substring(at))));
      return;
    }
    Session session = session(line);
    if (text.startsWith("New mail ", at)) {
      newMail(session, line, source, sink);
    } else if (text.startsWith("closing session", at)) {
      sink.skipped(source);
      close(session, sink);
    } else {
      SmtpLine smtp = SmtpLine.parse(text, at);
      if (smtp != null) {
        protocol(session, smtp, line, source, sink);
      } else if (AxigenText.isSmtpInNoise(text, at)) {
        sink.skipped(source);
      } else {
        PendingEvent unparsed = new PendingEvent(source, line, h -> new Unparsed(h,
            "a known SMTP-IN line (connection accepted, << / >> protocol, New mail ..., closing session)"));
        if (session.current != null) {
          session.current.add(unparsed, sink);
        } else {
          sink.accept(unparsed.withLocalId(null));
        }
      }
    }
  }

  private void protocol(Session session, SmtpLine smtp, AxigenLine line, SourceLine source, EventSink sink) {
    String text = source.text();
    String what = text.substring(line.textStart());
    if (smtp.kind() == SmtpLine.Kind.COMMAND) {
      session.awaited.addLast(new Slot(smtp.verb(), smtp.address()));
      switch (smtp.verb()) {
        case "EHLO", "HELO" -> {
          session.client = smtp.argument().isEmpty() ? null : smtp.argument().split(" ")[0];
          sink.skipped(source);
        }
        case "MAIL FROM" -> {
          InTransaction transaction = session.startTransaction();
          transaction.sender = smtp.address();
          transaction.add(new PendingEvent(source, line, h -> new Observation(h, null, what)), sink);
        }
        case "RCPT TO" -> {
          InTransaction transaction = session.current != null ? session.current : session.startTransaction();
          transaction.hasRecipient |= smtp.address() != null;
          String recipient = smtp.address();
          transaction.add(new PendingEvent(source, line, h -> new Observation(h, recipient, what)), sink);
        }
        default -> sink.skipped(source);
      }
      return;
    }
    if (smtp.kind() == SmtpLine.Kind.OTHER || smtp.continued() || session.awaited.isEmpty()) {
      sink.skipped(source); // "3 bytes and final dot read", the banner, a multi-line reply's first lines
      return;
    }
    Slot slot = session.awaited.removeFirst();
    InTransaction transaction = session.current;
    SmtpReply reply = smtp.reply();
    if (transaction == null) {
      sink.skipped(source);
      return;
    }
    switch (slot.verb()) {
      case "RCPT TO" -> {
        if (reply.isPositive()) {
          transaction.accept(slot.recipient(), source, line, sink);
        } else {
          transaction.add(rejected(source, line, session, transaction, slot.recipient(), "RCPT", reply), sink);
        }
      }
      case "DATA", "BDAT" -> {
        if (reply.code() == 354) {
          session.awaited.addFirst(new Slot("END-OF-DATA", null));
          sink.skipped(source);
        } else {
          refuseAccepted(session, transaction, "DATA", reply, line, source, sink);
        }
      }
      case "END-OF-DATA" -> {
        if (reply.isPositive()) {
          transaction.dataAccepted = true;
          transaction.add(new PendingEvent(source, line, h -> new Observation(h, null, what)), sink);
        } else {
          refuseAccepted(session, transaction, "END-OF-DATA", reply, line, source, sink);
        }
      }
      case "MAIL FROM" -> {
        if (reply.isPositive()) {
          sink.skipped(source);
        } else {
          transaction.add(new PendingEvent(source, line, h -> new Observation(h, null, what)), sink);
        }
      }
      default -> sink.skipped(source);
    }
  }

  /** A refusal after RCPT: each recipient accepted so far is refused, on one line. */
  private static void refuseAccepted(Session session, InTransaction transaction, String stage, SmtpReply reply,
      AxigenLine line, SourceLine source, EventSink sink) {
    transaction.forEachAccepted(source, sink,
        recipient -> transaction.add(rejected(source, line, session, transaction, recipient, stage, reply), sink));
  }

  private static PendingEvent rejected(SourceLine source, AxigenLine line, Session session, InTransaction transaction,
      String recipient, String stage, SmtpReply reply) {
    String client = (session.client == null ? "unknown" : session.client)
        + (session.clientAddress == null ? "" : "[" + session.clientAddress + "]");
    String sender = transaction.sender;
    return new PendingEvent(source, line, h -> new Rejected(h, recipient, sender, client, stage, reply));
  }

  /**
   * "New mail &lt;mid&gt; received from H (IP) with envelope from &lt;s&gt;, recipients=N (list), size=S, enqueued
   * with id X": ties the transaction it ends (the oldest one whose data was accepted, else one from the same sender)
   * to X.
   */
  private void newMail(Session session, AxigenLine line, SourceLine source, EventSink sink) {
    NewMailLine mail = NewMailLine.parse(source.text(), line.textStart());
    if (mail == null) {
      sink.accept(new PendingEvent(source, line, h -> new Unparsed(h, NewMailLine.EXPECTED)).withLocalId(null));
      return;
    }
    InTransaction transaction = pick(session, mail.sender());
    String client = mail.client();
    transaction.add(new PendingEvent(source, line, h -> new Received(h, client, null)), sink);
    if (mail.messageId() != null) {
      transaction.add(new PendingEvent(source, line, h -> new MessageIdentified(h, mail.messageId())), sink);
    }
    transaction.add(new PendingEvent(source, line,
        h -> new Queued(h, mail.sender(), mail.size(), mail.recipientCount())), sink);
    // the list may be all a log says of the recipients (a grep for one of them, say): each is named on its row
    String listed = "recipients=" + mail.recipientCount() + " (" + String.join(", ", mail.recipients()) + ")";
    for (String recipient : mail.recipients()) {
      transaction.add(new PendingEvent(source, line, h -> new Observation(h, recipient, listed)), sink);
    }
    transaction.tie(mail.queueId(), sink);
    session.untied.remove(transaction);
    queue.sender(mail.queueId(), mail.sender(), line.time());
  }

  private static InTransaction pick(Session session, String sender) {
    for (InTransaction t : session.untied) {
      if (t.dataAccepted) {
        return t;
      }
    }
    for (InTransaction t : session.untied) {
      if (sender != null && sender.equalsIgnoreCase(t.sender)) {
        return t;
      }
    }
    // no protocol lines (the default level 15 logs none): the message is the session's preamble and this line
    return session.untied.isEmpty() ? session.startTransaction() : session.untied.get(0);
  }

  private Session session(AxigenLine line) {
    Session session = sessions.get(line.id());
    if (session == null) {
      session = new Session(line.id());
      sessions.put(line.id(), session);
    }
    if (line.time() != null) {
      session.lastActivity = line.time();
    }
    return session;
  }

  /** Ends a session: transactions still without queue id are filed under the session's own id, or dropped. */
  private void close(Session session, EventSink sink) {
    sessions.remove(session.id);
    for (InTransaction transaction : session.untied) {
      if (transaction.hasRecipient) {
        session.orphans++;
        transaction.tie("SMTP-IN-" + session.id + (session.orphans > 1 ? "-" + session.orphans : ""), sink);
      } else {
        transaction.discard(sink);
      }
    }
    session.untied.clear();
    if (!session.preambleUsed) {
      session.preamble.forEach(event -> sink.skipped(event.source()));
    }
  }

  /** Closes sessions idle since before {@code now} minus an hour, and the oldest when too many are open. */
  void closeIdle(Instant now, EventSink sink) {
    Instant limit = now.minus(IDLE);
    List<Session> stale = new ArrayList<>();
    int excess = sessions.size() - MAX_SESSIONS;
    for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
      Session session = it.next();
      if (excess-- > 0 || session.lastActivity != null && session.lastActivity.isBefore(limit)) {
        stale.add(session);
      }
    }
    stale.forEach(session -> close(session, sink));
  }

  /** Closes every session: the end of the file. */
  void flush(EventSink sink) {
    new ArrayList<>(sessions.values()).forEach(session -> close(session, sink));
  }
}
