package org.smtptrail.format.axigen;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Relay;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.core.smtp.SmtpReplies;
import org.smtptrail.core.smtp.SmtpReply;

/**
 * Reads PROCESSING lines, whose id column is the message's queue id (VERIFIED: {@code PROCESSING:002C2605:} for
 * "enqueued with id 2C2605"), so every event goes straight out under it. Local delivery is decided by "Mail delivered
 * to mailbox" (VERIFIED, the note's hard evidence). The per-recipient state lines tell SMTP-OUT which message its
 * session carries, and decide an attempt that no other line reported.
 *
 * <p><b>The rule for a state line that ends an attempt</b> ({@link StateWord}: SENT, a temporary or a permanent
 * failure word). At Axigen's default log level (15) no SMTP conversation is logged, so these lines are often the only
 * word on a remote recipient (note F):
 * <ol>
 *   <li>If another line already reported that attempt (an SMTP-OUT reply of a conversation tied to this message, or
 *       "Mail delivered to mailbox" for this recipient) and no state line has answered it yet, the state line is
 *       evidence only: that report decides (with its SMTP reply and relay), so the protocol level adds proof but never
 *       a second attempt or another verdict.
 *   <li>Otherwise the state line is the attempt: SENT is accepted, a temporary word deferred, a permanent word
 *       bounced (a report to the sender is then expected). Where it went:
 *       <ul>
 *         <li>a recipient routed to a local mailbox ("PROCESSED - LOCAL", VERIFIED) is delivered locally;
 *         <li>else the SMTP-OUT connection that carried it, when {@link SmtpOutConnects} can name it, gives the relay
 *             (and, for a connection that failed, the reason);
 *         <li>else SENT is still taken as handed over: an inference (a local delivery always logs "Mail delivered to
 *             mailbox" at level 15, VERIFIED), which the attempt's text says.
 *       </ul>
 *       A reason after the word ("DEFERRED: 451 4.7.1 ...") is kept, as the SMTP reply when it starts with a code.
 * </ol>
 * The attempt's detail always names the state line as its basis and what was not logged, e.g. "state SENT (no SMTP
 * reply logged at this log level)".
 *
 * <p>A line of a shape the format note does not list is housekeeping (Axigen 10.6 writes "&lt;account&gt;:
 * Conversation index update request" under the queue id) and counted as a line without delivery facts, unless it
 * looks like one ({@link #namesADeliveryFact}): then it stays unparsed, so it is counted, listed and kept as evidence.
 */
final class ProcessingLines {
  /** Words of a line about a delivery (lower case, matched inside words: "delivered", "undeliverable", "bounced"). */
  private static final List<String> FACT_WORDS = List.of("recipient", "deliver", "mailbox", "bounce", "relay",
      "reject", "quarantin", "discard", "state to");

  private final QueueIndex queue;
  private final SmtpOutSessions smtpOut;

  ProcessingLines(QueueIndex queue, SmtpOutSessions smtpOut) {
    this.queue = queue;
    this.smtpOut = smtpOut;
  }

  void parse(AxigenLine line, SourceLine source, EventSink sink) {
    String text = source.text();
    int at = line.textStart();
    String queueId = QueueIds.canonical(line.id());
    boolean firstLine = !queue.isKnown(queueId);
    queue.touch(queueId, line.time());
    EventHeader header = line.header(source, queueId);
    if (text.startsWith("Set recipient <", at)) {
      int close = text.indexOf('>', at);
      String recipient = close < 0 ? null : text.substring(at + "Set recipient <".length(), close);
      if (recipient != null && text.startsWith(" state to ", close + 1)) {
        String state = text.substring(close + 1 + " state to ".length()).strip();
        state(header, queueId, recipient, state, firstLine, line, source, sink);
        return;
      }
      if (recipient != null && text.startsWith(" data version", close + 1)) {
        sink.skipped(source);
        return;
      }
    } else if (text.startsWith("Mail delivered to mailbox ", at)) {
      delivered(header, text, at, line.time(), sink);
      return;
    } else if (text.startsWith("Finished filtering mail object ", at)) {
      sink.accept(new Observation(header, null, text.substring(at)));
      return;
    } else if (text.startsWith("Keep requested for <", at)) {
      sink.accept(new Observation(header, AxigenText.angleAddress(text, at), text.substring(at)));
      return;
    } else if (AxigenText.containsIgnoreCase(text, "filter", at)) {
      sink.skipped(source); // the filter chain's own chatter (VERIFIED shapes: Start filter, black/white list checks)
      return;
    }
    if (!namesADeliveryFact(text, at)) {
      sink.skipped(source); // housekeeping ("<account>: Conversation index update request"): no delivery fact
      return;
    }
    sink.accept(new Unparsed(header, "a known PROCESSING line (Set recipient <r> state to WORD, Mail delivered to"
        + " mailbox 'F' of <r> with id N, Finished filtering mail object ID, ...)"));
  }

  /**
   * Whether a PROCESSING line of a shape the format note does not list looks like a delivery fact, so that it must stay
   * visible (unparsed, counted, listed) rather than be counted as a line without delivery facts. It does when it names
   * a recipient state ({@link StateWord#isNamedIn}: SENT, DEFERRED, FAILED, ... as whole words), speaks of a
   * recipient, a delivery, a mailbox, a bounce, a relay, a refusal, a quarantine or a discard, or quotes an SMTP reply.
   * Everything else PROCESSING writes (the conversation index, its job queue, other housekeeping) decides nothing about
   * a delivery. An address alone does not make a fact: the housekeeping lines start with the account's address.
   */
  static boolean namesADeliveryFact(String text, int at) {
    String lower = text.substring(at).toLowerCase(Locale.ROOT);
    for (String word : FACT_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return StateWord.isNamedIn(text, at) || quotesAReply(text, at);
  }

  /** An SMTP reply in the text: an enhanced status code ("5.1.1") or a reply code that starts it or follows ": ". */
  private static boolean quotesAReply(String text, int at) {
    for (int i = at; i < text.length(); i++) {
      if (i > at && text.charAt(i - 1) != ' ') {
        continue;
      }
      if (SmtpReplies.enhancedStatusAt(text, i) != null) {
        return true;
      }
      if ((i == at || i >= at + 2 && text.charAt(i - 2) == ':') && SmtpReplies.parseAt(text, i) != null) {
        return true;
      }
    }
    return false;
  }

  /** "Set recipient &lt;r&gt; state to W": evidence, or the attempt it ends (the rule in the class comment). */
  private void state(EventHeader header, String queueId, String recipient, String state, boolean firstLine,
      AxigenLine line, SourceLine source, EventSink sink) {
    StateWord word = StateWord.of(state);
    if (firstLine) {
      linkReport(line, source, queueId, recipient, sink);
    }
    if (isAfterAnAttempt(state)) {
      smtpOut.anchor(queueId, recipient, line.time(), sink); // before the rule: a conversation tied now reports
    }
    if (word.kind() == StateWord.Kind.LOCAL_ROUTE) {
      queue.routedLocally(queueId, recipient);
    }
    if (word.endsAnAttempt() && !queue.takeReportedAttempt(queueId, recipient)) {
      sink.accept(attempt(header, queueId, recipient, word, line.time(), sink));
    } else {
      sink.accept(new Observation(header, recipient, "state " + state));
    }
    queue.recipientState(queueId, recipient, state, line.time());
  }

  /** The attempt a state line ends when no other line reported it (rule 2 of the class comment). */
  private DeliveryAttempt attempt(EventHeader header, String queueId, String recipient, StateWord word,
      Instant time, EventSink sink) {
    DeliveryStatus status = word.status();
    SmtpReply reply = word.reason() == null ? null : SmtpReplies.parseAt(word.reason(), 0);
    boolean local = queue.isRoutedLocally(queueId, recipient);
    String stated = "state " + word.written();
    Relay relay = null;
    String detail;
    if (local) {
      relay = new Relay("local", null, -1);
      detail = stated + " after PROCESSED - LOCAL (no 'Mail delivered to mailbox' line logged)";
    } else {
      SmtpOutConnects.Claim claim = smtpOut.claimConnect(queueId, recipient, time,
          status == DeliveryStatus.SENT, sink);
      String noReply = reply == null ? " (no SMTP reply logged at this log level)" : "";
      if (claim != null && claim.tied() != null && claim.tied().failure != null) {
        relay = claim.relay();
        detail = stated + " after SMTP-OUT: " + claim.tied().failure;
      } else if (claim != null && claim.relay() != null) {
        relay = claim.relay();
        detail = stated + " after SMTP-OUT connection to " + relay + noReply;
      } else if (status == DeliveryStatus.SENT) {
        detail = stated + (reply == null ? " (no SMTP reply logged at this log level; no SMTP-OUT connection or"
            + " mailbox delivery tied: handed over is inferred from the state word)" : "");
      } else {
        detail = stated + noReply;
      }
    }
    if (status == DeliveryStatus.BOUNCED) {
      queue.bounced(queueId, queue.senderOf(queueId), recipient, time);
    }
    return new DeliveryAttempt(header, recipient, null, status, local, relay, reply, detail, -1);
  }

  /**
   * "Mail delivered to mailbox 'INBOX' of &lt;r&gt; with id 6": the copy is in the local store. The trailing id is
   * the store's, not the queue's.
   */
  private void delivered(EventHeader header, String text, int at, Instant time, EventSink sink) {
    int folderStart = at + "Mail delivered to mailbox ".length();
    int of = text.indexOf(" of <", folderStart);
    String recipient = of < 0 ? null : AxigenText.angleAddress(text, of);
    if (recipient == null) {
      sink.accept(new Unparsed(header, "Mail delivered to mailbox 'FOLDER' of <recipient> with id N"));
      return;
    }
    String folder = text.substring(folderStart, of).strip();
    if (folder.length() >= 2 && folder.charAt(0) == '\'' && folder.charAt(folder.length() - 1) == '\'') {
      folder = folder.substring(1, folder.length() - 1);
    }
    sink.accept(new DeliveryAttempt(header, recipient, null, DeliveryStatus.SENT, true,
        new Relay("mailbox:" + folder, null, -1), null, "delivered to mailbox '" + folder + "'", -1));
    queue.done(header.localId(), recipient);
    queue.routedLocally(header.localId(), recipient);
    queue.attemptReported(header.localId(), recipient); // the "state to SENT" that follows is its evidence
  }

  /**
   * The first line of a new queue id, addressed to the sender of a recipient that failed for good moments before, is
   * taken as the non-delivery report (INFERRED, note E.9: no line names both ids). The link is evidence on the failed
   * recipient's row; it decides no verdict.
   */
  private void linkReport(AxigenLine line, SourceLine source, String reportId, String recipient, EventSink sink) {
    for (QueueIndex.Bounce bounce : queue.takeBouncesReportedTo(recipient, line.time())) {
      sink.accept(new Linked(line.header(source, bounce.queueId()), bounce.recipient(),
          reportId, LinkReason.NON_DELIVERY_NOTICE));
    }
  }

  /** States written after a delivery attempt, which can anchor an SMTP-OUT session (not the intake states). */
  private static boolean isAfterAnAttempt(String state) {
    String word = QueueIndex.normalizeState(state);
    return !word.equals("RECEIVED") && !word.equals("PROCESSING") && !word.equals("PROCESSED-LOCAL");
  }
}
