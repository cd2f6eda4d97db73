package org.smtptrail.format.axigen;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Relay;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.core.smtp.SmtpReplies;
import org.smtptrail.core.smtp.SmtpReply;
import org.smtptrail.format.axigen.SmtpOutSession.OutTransaction;
import org.smtptrail.format.axigen.SmtpOutSession.SharedLine;
import org.smtptrail.format.axigen.SmtpOutSession.Slot;

/**
 * Follows SMTP-OUT sessions: the remote server's replies decide each recipient (2xx after the data: handed over; 4xx:
 * deferred; 5xx: bounced). Every SMTP-OUT line shape is INFERRED (format note E.7), so the parser leans on SMTP itself
 * rather than on wording: which command a reply answers is known from command order, whatever the direction markers.
 *
 * <p>No SMTP-OUT line seen names the queue id (D.5). A transaction is tied to its message (a) when its recipients are
 * pending in exactly one queued message that PROCESSING lines announced (see {@link QueueIndex}), else (b) when a
 * PROCESSING "Set recipient &lt;r&gt; state to ..." line for one of its recipients follows within half an hour, the
 * anchor the note recommends. A transaction neither ties is filed under "SMTP-OUT-&lt;session&gt;" (its rows then
 * have no sender and no Message-ID, but keep their verdict).
 *
 * <p>A session that logs no conversation (the default log level: only its connection line) is offered to PROCESSING
 * state lines through {@link SmtpOutConnects}.
 */
final class SmtpOutSessions {
  /** How long an untied transaction waits for a PROCESSING line that names its message. */
  private static final Duration GRACE = Duration.ofMinutes(30);
  private static final int MAX_SESSIONS = 20_000;

  private final QueueIndex queue;
  private final SmtpOutConnects connects = new SmtpOutConnects();
  private final Map<String, SmtpOutSession> sessions = new LinkedHashMap<>();
  private final List<OutTransaction> untied = new ArrayList<>();

  SmtpOutSessions(QueueIndex queue) {
    this.queue = queue;
  }

  void parse(AxigenLine line, SourceLine source, EventSink sink) {
    String text = source.text();
    int at = line.textStart();
    String what = text.substring(at);
    SmtpLine smtp = SmtpLine.parse(text, at);
    if (smtp != null) {
      SmtpOutSession session = session(line);
      if (smtp.kind() == SmtpLine.Kind.COMMAND) {
        command(session, smtp, line, source, sink);
      } else if (smtp.kind() == SmtpLine.Kind.REPLY) {
        reply(session, smtp, line, source, sink);
      } else {
        sink.skipped(source);
      }
    } else if (AxigenText.containsIgnoreCase(text, "closing", at)
        || AxigenText.containsIgnoreCase(text, "disconnect", at)) {
      sink.skipped(source);
      SmtpOutSession session = sessions.remove(line.id());
      if (session != null) {
        end(session, sink);
      }
    } else if (AxigenText.containsIgnoreCase(text, "connect", at) && text.indexOf('[', at) >= 0
        && !AxigenText.soundsLikeFailure(text, at)) {
      SmtpOutSession previous = sessions.remove(line.id());
      if (previous != null) {
        end(previous, sink); // the id came round again: that session is over
      }
      SmtpOutSession session = session(line);
      String remote = AxigenText.bracketAfter(text, " to ", at);
      remote = remote != null ? remote : AxigenText.lastBracket(text, at);
      if (remote != null) {
        session.relayAddress = AxigenText.addressOf(remote);
        session.relayPort = AxigenText.portOf(remote);
      }
      SharedLine connect = new SharedLine(source, line, what);
      session.preamble.add(connect);
      session.connect = connects.connected(connect, session.relayAddress, session.relayPort, null, sink);
    } else if (AxigenText.containsIgnoreCase(text, "connect", at)) {
      // a connection that failed: evidence for the transaction under way, if any; alone it decides nothing, but a
      // PROCESSING state line may take it as the reason of its attempt
      SmtpOutSession session = session(line);
      SharedLine failed = new SharedLine(source, line, what);
      if (session.current != null) {
        session.current.addShared(failed, sink);
      } else {
        session.preamble.add(failed);
        String remote = AxigenText.bracketAfter(text, " to ", at);
        remote = remote != null ? remote : AxigenText.lastBracket(text, at);
        session.connect = connects.connected(failed, remote == null ? null : AxigenText.addressOf(remote),
            remote == null ? -1 : AxigenText.portOf(remote), what, sink);
      }
    } else {
      SmtpOutSession session = session(line);
      PendingEvent unparsed = new PendingEvent(source, line, h -> new Unparsed(h,
          "a known SMTP-OUT line (connected to [ip:port], >> command, << reply, closing); SMTP-OUT wording is"
              + " inferred"));
      if (session.current != null) {
        session.current.add(unparsed, sink);
      } else {
        sink.accept(unparsed.withLocalId(null));
      }
    }
  }

  private void command(SmtpOutSession session, SmtpLine smtp, AxigenLine line, SourceLine source, EventSink sink) {
    String what = source.text().substring(line.textStart());
    session.awaited.addLast(new Slot(smtp.verb(), smtp.address()));
    if (session.connect != null && (smtp.verb().equals("MAIL FROM") || smtp.verb().equals("RCPT TO"))) {
      session.connect.conversation = true; // the conversation's transaction ties this session, not a state line
    }
    switch (smtp.verb()) {
      case "MAIL FROM" -> session.start(smtp.address(), untied).addShared(new SharedLine(source, line, what), sink);
      case "RCPT TO" -> {
        OutTransaction transaction = session.transaction(untied);
        String recipient = smtp.address();
        if (recipient == null) {
          sink.skipped(source);
          return;
        }
        transaction.addRecipient(recipient, sink);
        transaction.add(new PendingEvent(source, line, h -> new Observation(h, recipient, what)), sink);
        if (!transaction.isTied()) {
          tieByQueue(transaction, line.time(), sink);
        }
      }
      default -> sink.skipped(source);
    }
  }

  private void reply(SmtpOutSession session, SmtpLine smtp, AxigenLine line, SourceLine source, EventSink sink) {
    String what = source.text().substring(line.textStart());
    Slot slot = session.awaited.peekFirst();
    OutTransaction transaction = session.current;
    if (smtp.continued()) {
      if (slot != null && transaction != null && isDeciding(slot)) {
        session.continuation.append(smtp.reply().text()).append(' ');
        List<String> concerned = slot.recipient() != null ? List.of(slot.recipient()) : transaction.accepted;
        if (concerned.isEmpty()) {
          sink.skipped(source); // a reply to DATA with no recipient accepted: about no one
        }
        for (String recipient : concerned) {
          transaction.add(new PendingEvent(source, line, h -> new Observation(h, recipient, what)), sink);
        }
      } else {
        sink.skipped(source);
      }
      return;
    }
    SmtpReply reply = smtp.reply();
    if (!session.continuation.isEmpty()) {
      reply = SmtpReplies.parseAt(session.continuation + reply.text(), 0);
      session.continuation.setLength(0);
    }
    if (slot == null) {
      if (reply.code() == 220) { // the remote's banner names it
        session.relayName = bannerName(reply.text());
        session.preamble.add(new SharedLine(source, line, what));
      } else {
        sink.skipped(source);
      }
      return;
    }
    session.awaited.removeFirst();
    if (transaction == null) {
      sink.skipped(source);
      return;
    }
    switch (slot.verb()) {
      case "RCPT TO" -> {
        if (reply.isPositive()) {
          transaction.accept(slot.recipient(), source, line, sink);
        } else {
          outcome(transaction, slot.recipient(), reply, line, source, sink);
        }
      }
      case "DATA", "BDAT" -> {
        if (reply.code() == 354) {
          session.awaited.addFirst(new Slot("END-OF-DATA", null));
          sink.skipped(source);
        } else {
          outcomeForAccepted(transaction, reply, line, source, sink);
        }
      }
      case "END-OF-DATA" -> outcomeForAccepted(transaction, reply, line, source, sink);
      case "MAIL FROM" -> {
        if (reply.isPositive()) {
          sink.skipped(source);
        } else {
          transaction.addShared(new SharedLine(source, line, what), sink);
        }
      }
      default -> sink.skipped(source);
    }
  }

  private static boolean isDeciding(Slot slot) {
    return slot.verb().equals("RCPT TO") || slot.verb().equals("DATA") || slot.verb().equals("END-OF-DATA");
  }

  private void outcomeForAccepted(OutTransaction transaction, SmtpReply reply, AxigenLine line, SourceLine source,
      EventSink sink) {
    transaction.forEachAccepted(source, sink, recipient -> outcome(transaction, recipient, reply, line, source, sink));
  }

  /** The remote's final word on one recipient: a delivery attempt, tied or waiting with its transaction. */
  private void outcome(OutTransaction transaction, String recipient, SmtpReply reply, AxigenLine line,
      SourceLine source, EventSink sink) {
    DeliveryStatus status = reply.isPositive() ? DeliveryStatus.SENT
        : reply.isTransient() ? DeliveryStatus.DEFERRED : DeliveryStatus.BOUNCED;
    Relay relay = transaction.session.relay();
    transaction.add(new PendingEvent(source, line,
        h -> new DeliveryAttempt(h, recipient, null, status, false, relay, reply, null, -1)), sink);
    transaction.decided.add(recipient);
    connects.learn(recipient, transaction.session.relayAddress);
    if (status == DeliveryStatus.BOUNCED) {
      transaction.bounced.add(recipient);
    } else if (status == DeliveryStatus.SENT) {
      transaction.sent.add(recipient);
    }
    if (transaction.isTied()) {
      settle(transaction, line.time());
    }
  }

  /**
   * Tells the queue which recipients of a tied transaction are done, which failed for good (for the report), and
   * that each outcome is an attempt reported (so the PROCESSING state line that follows is its evidence, not a second
   * attempt).
   */
  private void settle(OutTransaction transaction, Instant time) {
    for (String recipient : transaction.decided) {
      queue.attemptReported(transaction.localId(), recipient);
    }
    transaction.decided.clear();
    for (String recipient : transaction.bounced) {
      queue.bounced(transaction.localId(), transaction.sender, recipient, time);
    }
    for (String recipient : transaction.sent) {
      queue.done(transaction.localId(), recipient);
    }
    transaction.bounced.clear();
    transaction.sent.clear();
  }

  /** (a): ties when the recipients so far are pending in exactly one queued message. */
  private void tieByQueue(OutTransaction transaction, Instant time, EventSink sink) {
    Set<String> common = null;
    for (String recipient : transaction.recipients) {
      Set<String> ids = queue.candidates(recipient, transaction.sender, time);
      if (ids.isEmpty()) {
        continue;
      }
      if (common == null) {
        common = new LinkedHashSet<>(ids);
      } else {
        common.retainAll(ids);
      }
    }
    if (common != null && common.size() == 1) {
      tie(transaction, common.iterator().next(), time, sink);
    }
  }

  /**
   * (b): a PROCESSING state line about {@code recipient} of {@code queueId}: the newest untied transaction with that
   * recipient, active in the half hour before, is that message's.
   */
  void anchor(String queueId, String recipient, Instant time, EventSink sink) {
    for (int i = untied.size() - 1; i >= 0; i--) {
      OutTransaction transaction = untied.get(i);
      Instant last = transaction.lastActivity();
      boolean recent = time == null || last == null || !last.isBefore(time.minus(GRACE));
      if (recent && transaction.hasRecipient(recipient)) {
        tie(transaction, queueId, time, sink);
        return;
      }
    }
  }

  private void tie(OutTransaction transaction, String queueId, Instant time, EventSink sink) {
    transaction.tie(queueId, sink);
    untied.remove(transaction);
    settle(transaction, time);
  }

  private SmtpOutSession session(AxigenLine line) {
    SmtpOutSession session = sessions.computeIfAbsent(line.id(), SmtpOutSession::new);
    if (line.time() != null) {
      session.lastActivity = line.time();
    }
    return session;
  }

  /**
   * The connection a PROCESSING state line of {@code recipient} may name as the one that carried its attempt (see
   * {@link SmtpOutConnects#claim}); null when none can be named.
   */
  SmtpOutConnects.Claim claimConnect(String queueId, String recipient, Instant time, boolean sent, EventSink sink) {
    return connects.claim(queueId, recipient, time, sent, sink);
  }

  /** A session is over; its untied transactions keep waiting (in {@link #untied}) for their anchor. */
  private void end(SmtpOutSession session, EventSink sink) {
    // the preamble lines no transaction with a recipient took (all, or those logged after it started); a connection
    // line without conversation is still offered to state lines, and counted when that ends
    for (SharedLine unused : session.preamble.subList(session.preambleUsedLines, session.preamble.size())) {
      if (session.connect != null && unused == session.connect.line && !session.connect.conversation) {
        connects.ended(session.connect, sink);
      } else {
        sink.skipped(unused.source());
      }
    }
    session.preamble.clear();
    session.preambleUsedLines = 0;
  }

  /** Files transactions that waited too long under their session id, and ends sessions idle as long. */
  void closeIdle(Instant now, EventSink sink) {
    connects.forgetOlderThan(now, sink);
    Instant limit = now.minus(GRACE);
    for (Iterator<OutTransaction> it = untied.iterator(); it.hasNext(); ) {
      OutTransaction transaction = it.next();
      if (transaction.lastActivity() != null && transaction.lastActivity().isBefore(limit)) {
        it.remove();
        orphan(transaction, sink);
      }
    }
    int excess = sessions.size() - MAX_SESSIONS;
    for (Iterator<SmtpOutSession> it = sessions.values().iterator(); it.hasNext(); ) {
      SmtpOutSession session = it.next();
      if (excess-- > 0 || session.lastActivity != null && session.lastActivity.isBefore(limit)) {
        it.remove();
        end(session, sink);
      }
    }
  }

  /** The end of the file: every untied transaction is filed under its session id. */
  void flush(EventSink sink) {
    List<OutTransaction> waiting = new ArrayList<>(untied);
    untied.clear();
    waiting.forEach(transaction -> orphan(transaction, sink));
    sessions.values().forEach(session -> end(session, sink));
    sessions.clear();
    connects.flush(sink);
  }

  private static void orphan(OutTransaction transaction, EventSink sink) {
    if (transaction.recipients.isEmpty()) {
      transaction.discardWithoutRecipients(sink);
      return;
    }
    SmtpOutSession session = transaction.session;
    session.orphans++;
    transaction.tie("SMTP-OUT-" + session.id + (session.orphans > 1 ? "-" + session.orphans : ""), sink);
  }

  /** "220 mx.example.org ESMTP Postfix" → "mx.example.org"; null when the word is not a host name. */
  private static String bannerName(String banner) {
    String[] words = banner.split(" ");
    return words.length > 1 && words[1].indexOf('.') > 0 ? words[1] : null;
  }
}
