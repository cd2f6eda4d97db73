package org.smtptrail.format.axigen;

import java.time.Instant;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.SourceLine;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Relay;
import org.smtptrail.core.event.Unparsed;

/**
 * Reads PROCESSING lines, whose id column is the message's queue id (VERIFIED: {@code PROCESSING:002C2605:} for
 * "enqueued with id 2C2605"), so every event goes straight out under it. The per-recipient state words are kept as
 * they are written and decide nothing (the note: only RECEIVED, PROCESSING, PROCESSED - LOCAL and SENT were seen, and
 * SENT's meaning for a remote recipient is inferred); they are evidence, and they tell SMTP-OUT which message its
 * session carries. Local delivery is decided by "Mail delivered to mailbox" (VERIFIED, the note's hard evidence).
 */
final class ProcessingLines {
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
        sink.accept(new Observation(header, recipient, "state " + state));
        if (firstLine) {
          linkReport(line, source, queueId, recipient, sink);
        }
        queue.recipientState(queueId, recipient, state, line.time());
        if (isAfterAnAttempt(state)) {
          smtpOut.anchor(queueId, recipient, line.time(), sink);
        }
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
    sink.accept(new Unparsed(header, "a known PROCESSING line (Set recipient <r> state to WORD, Mail delivered to"
        + " mailbox 'F' of <r> with id N, Finished filtering mail object ID, ...)"));
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
