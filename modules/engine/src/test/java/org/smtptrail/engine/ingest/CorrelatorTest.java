package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.Discarded;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.Removed;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.engine.state.CorrelationState;

class CorrelatorTest {
  private static EventHeader header(String time, String host, String localId, String text) {
    return new EventHeader(new SourceLine("mail.log", 1, 0, text), Instant.parse(time), host, "postfix",
        "postfix/qmgr", localId);
  }

  private static Queued queued(String time, String host, String localId) {
    return new Queued(header(time, host, localId, "q"), "a@example.com", 1, 1);
  }

  @Test
  void queueIdOnAHostIsTheKey() {
    Correlator correlator = Correlator.inMemory();
    assertThat(correlator.keyFor(queued("2026-11-23T10:00:00Z", "mx1", "ABC123"))).isEqualTo("postfix:mx1:ABC123");
    assertThat(correlator.keyFor(queued("2026-11-23T10:00:00Z", "mx2", "ABC123"))).isEqualTo("postfix:mx2:ABC123");
  }

  @Test
  void aQueueIdReusedAfterRemovalIsANewMessage() {
    Correlator correlator = Correlator.inMemory();
    String first = correlator.keyFor(queued("2026-11-23T10:00:00Z", "mx1", "ABC123"));
    assertThat(correlator.keyFor(new Removed(header("2026-11-23T10:00:01Z", "mx1", "ABC123", "r"), false)))
        .isEqualTo(first);
    String second = correlator.keyFor(queued("2026-11-23T11:00:00Z", "mx1", "ABC123"));
    assertThat(second).isEqualTo("postfix:mx1:ABC123~20261123T110000").isNotEqualTo(first);
    assertThat(correlator.keyFor(queued("2026-11-23T11:00:05Z", "mx1", "ABC123"))).isEqualTo(second);
  }

  @Test
  void flushedStateIsSeenByTheNextRunAndOldEndedIdsArePruned() {
    CorrelationState state = CorrelationState.inMemory();
    Correlator first = new Correlator(state);
    first.keyFor(queued("2026-11-20T10:00:00Z", "mx1", "OLD111"));
    first.keyFor(new Removed(header("2026-11-20T10:00:01Z", "mx1", "OLD111", "r"), false));
    first.keyFor(queued("2026-11-23T10:00:00Z", "mx1", "NEW222"));
    first.flush();
    Correlator restarted = new Correlator(state);
    assertThat(restarted.size()).isEqualTo(2);
    restarted.prune();
    assertThat(restarted.size()).as("the removed id is two days old").isEqualTo(1);
    assertThat(restarted.keyFor(queued("2026-11-23T10:00:09Z", "mx1", "NEW222"))).isEqualTo("postfix:mx1:NEW222");
  }

  @Test
  void linesReadAgainAfterACrashGetTheSameKeysEvenAfterTheRemoval() {
    CorrelationState state = CorrelationState.inMemory();
    Correlator beforeCrash = new Correlator(state);
    String key = beforeCrash.keyFor(queued("2026-11-23T10:00:00Z", "mx1", "ABC123"));
    beforeCrash.keyFor(new Removed(header("2026-11-23T10:00:01Z", "mx1", "ABC123", "r"), false));
    beforeCrash.flush(); // the state got written, the index commit did not: the lines are read again
    Correlator afterCrash = new Correlator(state);
    assertThat(afterCrash.keyFor(queued("2026-11-23T10:00:00Z", "mx1", "ABC123"))).isEqualTo(key);
    assertThat(afterCrash.keyFor(new Removed(header("2026-11-23T10:00:01Z", "mx1", "ABC123", "r"), false)))
        .isEqualTo(key);
  }

  @Test
  void rejectionsBeforeQueueingAreMessagesOfTheirOwnAndUnparsedLinesWithoutIdBelongNowhere() {
    Correlator correlator = Correlator.inMemory();
    Rejected a = new Rejected(header("2026-11-23T10:00:00Z", "mx1", null, "line a"), "x@example.com", null, null,
        "RCPT", null);
    Rejected b = new Rejected(header("2026-11-23T10:00:00Z", "mx1", null, "line b"), "y@example.com", null, null,
        "RCPT", null);
    assertThat(correlator.keyFor(a)).startsWith("postfix:mx1:NOQUEUE-20261123T100000-")
        .isNotEqualTo(correlator.keyFor(b)).isEqualTo(correlator.keyFor(a));
    assertThat(correlator.keyFor(new Unparsed(header("2026-11-23T10:00:00Z", "mx1", null, "?"), "x"))).isNull();
  }

  @Test
  void theSameRefusalTwiceWithinASecondIsTwoMessagesAndADiscardBeforeQueueingIsAMessageToo() {
    Correlator correlator = Correlator.inMemory();
    String line = "Nov 23 10:00:00 mx1 postfix/smtpd[1]: NOQUEUE: reject: CONNECT from unknown[192.0.2.1]: 554";
    Rejected first = new Rejected(at(1, line), null, null, "unknown[192.0.2.1]", "CONNECT", null);
    Rejected again = new Rejected(at(2, line), null, null, "unknown[192.0.2.1]", "CONNECT", null);
    assertThat(correlator.keyFor(first)).as("a client that tries again gets the same line")
        .isNotEqualTo(correlator.keyFor(again)).isEqualTo(correlator.keyFor(first));
    Discarded discarded = new Discarded(at(3, "NOQUEUE: discard: RCPT from ..."), "r@example.com", null, null, null,
        "a DISCARD action of the smtpd restrictions at RCPT", null);
    assertThat(correlator.keyFor(discarded)).startsWith("postfix:mx1:NOQUEUE-20261123T100000-");
  }

  private static EventHeader at(long lineNumber, String text) {
    return new EventHeader(new SourceLine("mail.log", lineNumber, lineNumber * 100, text),
        Instant.parse("2026-11-23T10:00:00Z"), "mx1", "postfix", "postfix/smtpd", null);
  }

  @Test
  void sameMessageLinksShareTheKey() {
    Correlator correlator = Correlator.inMemory();
    String key = correlator.keyFor(new Linked(header("2026-11-23T10:00:00Z", "mx1", "SESSION1", "l"), null, "Q1",
        LinkReason.SAME_MESSAGE));
    assertThat(correlator.keyFor(queued("2026-11-23T10:00:01Z", "mx1", "Q1"))).isEqualTo(key);
  }

  private static EventHeader xeams(String time, String localId) {
    return new EventHeader(new SourceLine("x.log", 1, 0, "x"), Instant.parse(time), "mx1", "xeams", "x", localId);
  }

  private static Linked link(String time, String localId, String recipient, String linkedLocalId) {
    return new Linked(xeams(time, localId), recipient, linkedLocalId, LinkReason.SAME_MESSAGE);
  }

  private static DeliveryAttempt attempt(String time, String localId, String recipient, DeliveryStatus status) {
    return new DeliveryAttempt(xeams(time, localId), recipient, null, status, false, null, null, null, -1);
  }

  @Test
  void aNewIdLinkedToAMessageWhoseRecipientWaitsForARetryContinuesThatMessage() {
    Correlator correlator = Correlator.inMemory();
    String first = correlator.keyFor(link("2026-03-02T09:15:04Z", "7100001/s@example.com", "bob@example.net",
        "pending:s@example.com>bob@example.net"));
    correlator.keyFor(link("2026-03-02T09:15:04Z", "7100001/s@example.com", null, "7100001"));
    assertThat(correlator.keyFor(attempt("2026-03-02T09:15:04Z", "7100001", "bob@example.net",
        DeliveryStatus.DEFERRED))).isEqualTo(first);

    String retry = correlator.keyFor(link("2026-03-02T09:45:07Z", "7100377/s@example.com", "BOB@example.net",
        "pending:s@example.com>bob@example.net"));
    assertThat(retry).as("the retry's new id continues the message").isEqualTo(first);
    correlator.keyFor(link("2026-03-02T09:45:07Z", "7100377/s@example.com", null, "7100377"));
    assertThat(correlator.keyFor(attempt("2026-03-02T09:45:08Z", "7100377", "bob@example.net",
        DeliveryStatus.SENT))).isEqualTo(first);

    String next = correlator.keyFor(link("2026-03-02T11:00:00Z", "7100500/s@example.com", "bob@example.net",
        "pending:s@example.com>bob@example.net"));
    assertThat(next).as("bob was delivered: a later message to him is a message of its own")
        .isEqualTo("xeams:mx1:7100500/s@example.com");
  }

  @Test
  void aDeferralReadAfterTheLaterSuccessDoesNotReopenTheRecipient() {
    Correlator correlator = Correlator.inMemory();
    String key = correlator.keyFor(link("2026-03-02T09:15:04Z", "7100001/s@example.com", "bob@example.net", "p"));
    correlator.keyFor(attempt("2026-03-02T09:45:08Z", "7100001/s@example.com", "bob@example.net",
        DeliveryStatus.SENT));
    correlator.keyFor(attempt("2026-03-02T09:15:04Z", "7100001/s@example.com", "bob@example.net",
        DeliveryStatus.DEFERRED));
    assertThat(correlator.keyFor(link("2026-03-02T11:00:00Z", "7100600/s@example.com", "bob@example.net", "p")))
        .isNotEqualTo(key);
  }

  @Test
  void aLinkWithoutRecipientOrFromAKnownIdNeverContinuesAnotherMessage() {
    Correlator correlator = Correlator.inMemory();
    String first = correlator.keyFor(link("2026-03-02T09:15:04Z", "A", "bob@example.net", "p"));
    correlator.keyFor(attempt("2026-03-02T09:15:04Z", "A", "bob@example.net", DeliveryStatus.DEFERRED));
    assertThat(correlator.keyFor(link("2026-03-02T09:16:00Z", "B", null, "p"))).isEqualTo("xeams:mx1:B");
    String c = correlator.keyFor(attempt("2026-03-02T09:16:00Z", "C", "carol@example.net", DeliveryStatus.SENT));
    assertThat(correlator.keyFor(link("2026-03-02T09:17:00Z", "C", "bob@example.net", "p"))).isEqualTo(c)
        .isNotEqualTo(first);
  }

  @Test
  void waitingRecipientsSurviveARestart() {
    CorrelationState state = CorrelationState.inMemory();
    Correlator correlator = new Correlator(state);
    String first = correlator.keyFor(link("2026-03-02T09:15:04Z", "A", "bob@example.net", "p"));
    correlator.keyFor(attempt("2026-03-02T09:15:04Z", "A", "bob@example.net", DeliveryStatus.DEFERRED));
    correlator.flush();
    Correlator restarted = new Correlator(state);
    restarted.prune();
    assertThat(restarted.keyFor(link("2026-03-02T09:45:00Z", "B", "bob@example.net", "p"))).isEqualTo(first);
  }
}
