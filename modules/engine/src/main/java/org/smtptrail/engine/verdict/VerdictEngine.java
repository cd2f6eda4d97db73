package org.smtptrail.engine.verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.Discarded;
import org.smtptrail.core.event.Expired;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.MessageIdentified;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Probed;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Received;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.Relay;
import org.smtptrail.core.event.Removed;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.core.smtp.SmtpReply;
import org.smtptrail.core.verdict.Diagnoses;
import org.smtptrail.core.verdict.Diagnosis;
import org.smtptrail.core.verdict.Direction;
import org.smtptrail.core.verdict.DiscardHints;
import org.smtptrail.core.verdict.Verdict;

/**
 * Decides the verdict of every recipient of one message from all its events. The rules, in order: any accepted
 * attempt wins (a deferral followed by a success is handed over, with every try counted); else a discard on purpose
 * discards it; else a permanent failure bounces; else an expiry of the message after the recipient's last deferral
 * expires it; else a deferral is pending; else a refusal before queueing is a rejection; else what the message as a
 * whole met decides it (a discard, else a refusal, of a line that names no recipient: a stage before RCPT, or a DATA
 * refusal of several recipients); else nothing decides it. One attempt reported by two logs of the server counts once
 * ({@link SameAttempts}), and a line that holds several events is one line of evidence.
 *
 * <p>Every row has at least one line of evidence and a time: a message whose lines name no recipient (a refusal at
 * CONNECT, EHLO or MAIL, a refusal of {@code to=<>}) gets one row without recipient, with all its lines.
 */
public final class VerdictEngine {
  /** Events in the order they happened (no time first); the file position breaks ties within a second. */
  public static final Comparator<LogEvent> CHRONOLOGICAL = VerdictEngine::compareChronologically;

  private VerdictEngine() {}

  /**
   * One row per recipient of the message filed under {@code key}; one row without recipient if no recipient is known
   * (decided by what the message as a whole met, else UNKNOWN); no row for no event, nor for an address-verification
   * probe ({@link Probed}).
   */
  public static List<DeliveryRow> rows(String key, List<LogEvent> events) {
    List<LogEvent> ordered = new ArrayList<>(events);
    ordered.sort(CHRONOLOGICAL);
    return rows(key, ordered, true);
  }

  /**
   * The rows {@link MessageRows} stores at ingest: of events already in {@link #CHRONOLOGICAL} order, and without
   * evidence, which a stored row does not keep (a query reads it from the message's events): every message is
   * decided at ingest, so work a row does not keep is left out (benchmarks/RESULTS.md, "Cheaper verdict rows").
   */
  static List<DeliveryRow> rowsWithoutEvidence(String key, List<LogEvent> chronological) {
    return rows(key, chronological, false);
  }

  private static List<DeliveryRow> rows(String key, List<LogEvent> ordered, boolean withEvidence) {
    if (ordered.isEmpty()) {
      return List.of(); // a row stands on evidence: no line, no row
    }
    Message message = Message.of(ordered);
    if (message.probe) {
      return List.of(); // an address-verification probe delivers nothing: no row (stats counts probes apart)
    }
    Map<String, List<LogEvent>> byRecipient = new LinkedHashMap<>();
    for (LogEvent event : ordered) {
      String recipient = MailAddresses.normalize(event.recipient());
      if (recipient != null && !recipient.isEmpty()) {
        byRecipient.computeIfAbsent(recipient, r -> new ArrayList<>()).add(event);
      }
    }
    List<DeliveryRow> rows = new ArrayList<>();
    if (byRecipient.isEmpty() && !onlyConnectionLines(ordered)) {
      rows.add(row(key, message, null, List.of(), withEvidence, Set.of()));
    }
    Set<SourceLine> recipientLines = withEvidence && byRecipient.size() > 1 ? linesOf(byRecipient) : Set.of();
    for (List<LogEvent> recipientEvents : byRecipient.values()) {
      rows.add(row(key, message, recipientEvents.get(0).recipient(), recipientEvents, withEvidence, recipientLines));
    }
    return rows;
  }

  private static DeliveryRow row(String key, Message message, String recipient, List<LogEvent> recipientEvents,
      boolean withEvidence, Set<SourceLine> recipientLines) {
    List<DeliveryAttempt> attempts = new ArrayList<>();
    Rejected lastRejection = null;
    Discarded lastDiscard = null;
    String originalRecipient = null;
    Relay offeredTo = null;
    for (LogEvent event : recipientEvents) {
      if (event instanceof Observation observation && observation.relay() != null) {
        offeredTo = observation.relay();
      } else if (event instanceof DeliveryAttempt attempt) {
        attempts.add(attempt);
        if (originalRecipient == null) {
          originalRecipient = attempt.originalRecipient();
        }
      } else if (event instanceof Rejected rejected) {
        lastRejection = rejected;
      } else if (event instanceof Discarded discarded) {
        lastDiscard = discarded;
        if (originalRecipient == null) {
          originalRecipient = discarded.originalRecipient();
        }
      }
    }
    attempts = SameAttempts.merge(attempts);
    Decision decision = decide(attempts, lastRejection, lastDiscard, message);
    if (decision.verdict() == Verdict.UNKNOWN && offeredTo != null) {
      // undecided (the log ends after RCPT TO, say), but the server it was being given to is known
      decision = new Decision(Verdict.UNKNOWN, offeredTo.toString(), null, null, null);
    }
    // no row without a time: its own lines' latest, else the message's first (DeliveryRow's contract)
    Instant lastEvent = later(latestTime(message.messageLevelLast, recipientEvents), message.firstSeen);
    SmtpReply reply = decision.reply();
    String replyText = reply != null && reply.text() != null ? reply.text() : decision.detail();
    Diagnosis diagnosis = null;
    String hint = null;
    if (decision.verdict().isFailureOrPending()) {
      // a refusal our server gave decides only when no delivery was attempted: the failure was then inbound
      boolean refusedHere = lastRejection != null || message.rejection != null;
      Direction direction = attempts.isEmpty() && refusedHere ? Direction.INBOUND : Direction.OUTBOUND;
      diagnosis = Diagnoses.diagnose(decision.verdict(), direction, reply == null ? 0 : reply.code(),
          reply == null ? null : reply.enhancedStatus(),
          joinNonNull(reply == null ? null : reply.text(), decision.detail()));
      hint = diagnosis.hint();
    } else if (decision.discard() != null) {
      hint = DiscardHints.of(decision.discard());
    }
    return new DeliveryRow(
        recipient,
        originalRecipient,
        message.sender,
        message.messageId,
        key,
        decision.verdict(),
        decision.relay(),
        reply == null || reply.code() == 0 ? null : reply.code(),
        reply == null ? null : reply.enhancedStatus(),
        replyText,
        decision.verdict() == Verdict.HANDED_OVER ? RemoteIds.find(replyText) : null,
        attempts.size(),
        message.firstSeen,
        lastEvent,
        diagnosis == null ? null : diagnosis.category().wireName(),
        hint,
        message.format,
        message.host,
        message.client,
        decision.verdict() == Verdict.DELIVERED_LOCALLY ? forwardedAs(recipientEvents) : null,
        withEvidence ? evidenceOf(message.messageLevel, recipientEvents, recipientLines) : List.of(),
        null);
  }

  /** The lines of the events about one recipient or another. */
  private static Set<SourceLine> linesOf(Map<String, List<LogEvent>> byRecipient) {
    Set<SourceLine> lines = new HashSet<>();
    byRecipient.values().forEach(events -> events.forEach(event -> lines.add(event.header().source())));
    return lines;
  }

  /**
   * True when no event is more than a line of a connection or a link: nothing says there is a message, so it gets no
   * row, not even an UNKNOWN one (a Xeams conversation that names no recipient; issue 26).
   */
  private static boolean onlyConnectionLines(List<LogEvent> events) {
    for (LogEvent event : events) {
      if (!(event instanceof Observation) && !(event instanceof Linked)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #CHRONOLOGICAL}, written out rather than composed from {@code Comparator.comparing(...).thenComparing(...)}:
   * every message's events are sorted several times at ingest, and the composed chain (three lambdas, a boxed null
   * check, a file name compared on every tie within a second) was a fifth of the stored rows' CPU samples.
   */
  private static int compareChronologically(LogEvent a, LogEvent b) {
    Instant aTime = a.header().time();
    Instant bTime = b.header().time();
    if (aTime != bTime) {
      if (aTime == null || bTime == null) {
        return aTime == null ? -1 : 1;
      }
      int byTime = aTime.compareTo(bTime);
      if (byTime != 0) {
        return byTime;
      }
    }
    SourceLine aSource = a.header().source();
    SourceLine bSource = b.header().source();
    if (aSource.file() != bSource.file()) { // the events of one file share its name
      int byFile = aSource.file().compareTo(bSource.file());
      if (byFile != 0) {
        return byFile;
      }
    }
    return Long.compare(aSource.lineNumber(), bSource.lineNumber());
  }

  /** The latest time of these events, or {@code latest} when none is later (the last time in chronological order). */
  private static Instant latestTime(Instant latest, List<LogEvent> events) {
    for (LogEvent event : events) {
      latest = later(latest, event.header().time());
    }
    return latest;
  }

  /** The later of two times, either of which may be null (no time). */
  private static Instant later(Instant a, Instant b) {
    return a == null || b != null && b.isAfter(a) ? b : a;
  }

  /**
   * The evidence lines of a recipient's row, in time order, each once: the events read from one line are next to
   * each other in that order (same time, file and line), so comparing neighbours is enough.
   */
  private static List<Evidence> evidenceOf(List<LogEvent> messageLevel, List<LogEvent> recipientEvents,
      Set<SourceLine> recipientLines) {
    List<LogEvent> chronological = new ArrayList<>(messageLevel);
    if (!recipientLines.isEmpty()) {
      // a line about another recipient is not this one's evidence, though it tells the message's sender too (a Xeams
      // audit line); a line about the whole message only is everyone's
      Set<SourceLine> own = new HashSet<>();
      recipientEvents.forEach(event -> own.add(event.header().source()));
      chronological.removeIf(event -> recipientLines.contains(event.header().source())
          && !own.contains(event.header().source()));
    }
    chronological.addAll(recipientEvents);
    chronological.sort(CHRONOLOGICAL);
    List<Evidence> evidence = new ArrayList<>(chronological.size());
    SourceLine previous = null;
    for (LogEvent event : chronological) {
      SourceLine source = event.header().source();
      if (previous == null || previous.lineNumber() != source.lineNumber()
          || !previous.file().equals(source.file())) {
        evidence.add(Evidence.of(source));
      }
      previous = source;
    }
    return List.copyOf(evidence);
  }

  /** The local id a recipient's copy was forwarded as (Postfix "status=sent (forwarded as ID)"), or null. */
  private static String forwardedAs(List<LogEvent> recipientEvents) {
    String forwarded = null;
    for (LogEvent event : recipientEvents) {
      if (event instanceof Linked linked && linked.reason() == LinkReason.FORWARDED) {
        forwarded = linked.linkedLocalId();
      }
    }
    return forwarded;
  }

  /** The deciding facts of one recipient; {@code discard} is the discard that decided it, if one did. */
  private record Decision(Verdict verdict, String relay, SmtpReply reply, String detail, Discarded discard) {
    static Decision of(Verdict verdict, DeliveryAttempt attempt) {
      return new Decision(verdict, attempt.relay() == null ? null : attempt.relay().toString(), attempt.reply(),
          attempt.detail(), null);
    }

    static Decision of(Rejected rejection) {
      return new Decision(Verdict.REJECTED, rejection.client(), rejection.reply(), null, null);
    }

    static Decision of(Discarded discard) {
      return new Decision(Verdict.DISCARDED, null, null, discard.reason(), discard);
    }
  }

  private static Decision decide(List<DeliveryAttempt> attempts, Rejected lastRejection, Discarded lastDiscard,
      Message message) {
    DeliveryAttempt lastSent = lastWith(attempts, DeliveryStatus.SENT);
    if (lastSent != null) {
      return Decision.of(lastSent.local() ? Verdict.DELIVERED_LOCALLY : Verdict.HANDED_OVER, lastSent);
    }
    if (lastDiscard != null) {
      return Decision.of(lastDiscard);
    }
    DeliveryAttempt lastBounce = lastWith(attempts, DeliveryStatus.BOUNCED);
    if (lastBounce != null) {
      return Decision.of(Verdict.BOUNCED, lastBounce);
    }
    DeliveryAttempt lastExpired = lastWith(attempts, DeliveryStatus.EXPIRED);
    if (lastExpired != null) {
      return Decision.of(Verdict.EXPIRED, lastExpired);
    }
    if (!attempts.isEmpty()) {
      DeliveryAttempt last = attempts.get(attempts.size() - 1);
      boolean expiredAfter = message.expiry != null && CHRONOLOGICAL.compare(message.expiry, last) >= 0;
      return Decision.of(expiredAfter ? Verdict.EXPIRED : Verdict.DEFERRED, last);
    }
    if (lastRejection != null) {
      return Decision.of(lastRejection);
    }
    if (message.discard != null) {
      return Decision.of(message.discard);
    }
    if (message.rejection != null) {
      return Decision.of(message.rejection);
    }
    return new Decision(Verdict.UNKNOWN, null, null, null, null);
  }

  private static DeliveryAttempt lastWith(List<DeliveryAttempt> attempts, DeliveryStatus status) {
    for (int i = attempts.size() - 1; i >= 0; i--) {
      if (attempts.get(i).status() == status) {
        return attempts.get(i);
      }
    }
    return null;
  }

  private static String joinNonNull(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null || b.equals(a) ? a : a + " " + b;
  }

  /** What the message's events say about the message as a whole. */
  private static final class Message {
    final List<LogEvent> messageLevel = new ArrayList<>();
    String sender;
    String messageId;
    String client;
    String format;
    String host;
    Instant firstSeen;
    /** The latest time of {@link #messageLevel}: once per message, not once per row of it. */
    Instant messageLevelLast;
    Expired expiry;
    /** An address-verification probe: every recipient of such a message is probed, none delivered. */
    boolean probe;
    /** The last refusal and discard of a line that names no recipient: they concern the whole message. */
    Rejected rejection;
    Discarded discard;

    static Message of(List<LogEvent> ordered) {
      Message message = new Message();
      for (LogEvent event : ordered) {
        if (message.format == null) {
          message.format = event.header().format();
          message.host = event.header().host();
        }
        if (message.firstSeen == null) {
          message.firstSeen = event.header().time();
        }
        boolean messageLevel = namesNoRecipient(event);
        if (messageLevel) {
          message.messageLevel.add(event);
          message.messageLevelLast = later(message.messageLevelLast, event.header().time());
        }
        switch (event) {
          case Queued queued -> message.sender = queued.sender();
          case Expired expired -> {
            message.expiry = expired;
            if (message.sender == null) {
              message.sender = expired.sender();
            }
          }
          case Rejected rejected -> {
            if (message.sender == null) {
              message.sender = rejected.sender();
            }
            if (message.client == null) {
              message.client = rejected.client(); // a refusal before queueing has no client= line
            }
            if (messageLevel) {
              message.rejection = rejected;
            }
          }
          case Discarded discarded -> {
            if (message.sender == null) {
              message.sender = discarded.sender();
            }
            if (message.client == null) {
              message.client = discarded.client();
            }
            if (messageLevel) {
              message.discard = discarded;
            }
          }
          case MessageIdentified identified -> message.messageId = identified.messageId();
          case Received received -> message.client = received.client();
          case DeliveryAttempt attempt -> {}
          case Linked linked -> {}
          case Removed removed -> {}
          case Observation observation -> {}
          case Probed probed -> message.probe = true;
          case Unparsed unparsed -> {}
        }
      }
      return message;
    }
  }

  /**
   * An event about the message as a whole: it names no recipient, or the empty one ({@code to=<>}), exactly the events
   * {@link #rows} files under no recipient. Only a text with a bracket can normalize to nothing, so the usual address
   * is not normalized (copied) a second time here.
   */
  private static boolean namesNoRecipient(LogEvent event) {
    String recipient = event.recipient();
    return recipient == null || recipient.isBlank()
        || recipient.indexOf('<') >= 0 && MailAddresses.normalize(recipient).isEmpty();
  }
}
