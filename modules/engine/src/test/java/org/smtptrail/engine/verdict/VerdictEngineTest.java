package org.smtptrail.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.Relay;
import org.smtptrail.core.event.Removed;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.smtp.SmtpReplies;
import org.smtptrail.core.smtp.SmtpReply;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.format.postfix.PostfixFormat;
import org.smtptrail.testkit.CollectingSink;

class VerdictEngineTest {
  private static final String PREFIX = "Nov 23 10:00:0%d mx1 postfix/%s[1]: 3F2A81C0D2: ";

  private static List<LogEvent> events(String... lines) {
    LineParser parser = new PostfixFormat().newParser(
        new ParseContext("mail.log", ZoneOffset.UTC, Instant.parse("2026-11-23T12:00:00Z"), null));
    CollectingSink sink = new CollectingSink();
    for (int i = 0; i < lines.length; i++) {
      parser.parse(new SourceLine("mail.log", i + 1, i * 200L, lines[i]), sink);
    }
    return sink.events();
  }

  private static String line(int second, String daemon, String text) {
    return PREFIX.formatted(second, daemon) + text;
  }

  private static String attempt(int second, String to, String status, String dsn, String text) {
    return line(second, "smtp", "to=<" + to + ">, relay=mx.example.net[203.0.113.7]:25, delay=1, delays=0/0/0/1,"
        + " dsn=" + dsn + ", status=" + status + " (" + text + ")");
  }

  @Test
  void deferralFollowedBySuccessIsHandedOverWithAllAttemptsCounted() {
    List<DeliveryRow> rows = VerdictEngine.rows("postfix:mx1:3F2A81C0D2", events(
        line(1, "cleanup", "message-id=<m1@example.com>"),
        line(1, "qmgr", "from=<mary@example.com>, size=100, nrcpt=1 (queue active)"),
        attempt(2, "john@example.net", "deferred", "4.7.1",
            "host mx.example.net[203.0.113.7] said: 451 4.7.1 Greylisted (in reply to RCPT TO command)"),
        attempt(8, "john@example.net", "sent", "2.0.0", "250 2.0.0 Ok: queued as 4XyZ"),
        line(9, "qmgr", "removed")));
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.HANDED_OVER);
      assertThat(row.attempts()).isEqualTo(2);
      assertThat(row.relay()).isEqualTo("mx.example.net[203.0.113.7]:25");
      assertThat(row.replyCode()).isEqualTo(250);
      assertThat(row.dsn()).isEqualTo("2.0.0");
      assertThat(row.reply()).isEqualTo("250 2.0.0 Ok: queued as 4XyZ");
      assertThat(row.remoteId()).isEqualTo("4XyZ");
      assertThat(row.sender()).isEqualTo("mary@example.com");
      assertThat(row.messageId()).isEqualTo("<m1@example.com>");
      assertThat(row.category()).isNull();
      assertThat(row.firstSeen()).isEqualTo(Instant.parse("2026-11-23T10:00:01Z"));
      assertThat(row.lastEvent()).isEqualTo(Instant.parse("2026-11-23T10:00:09Z"));
      assertThat(row.evidence()).extracting(Evidence::line).containsExactly(1L, 2L, 3L, 4L, 5L);
    });
  }

  @Test
  void multiRecipientMessageGetsOneRowPerRecipientWithOwnEvidence() {
    List<DeliveryRow> rows = VerdictEngine.rows("k", events(
        line(1, "qmgr", "from=<mary@example.com>, size=100, nrcpt=3 (queue active)"),
        attempt(2, "a@example.net", "sent", "2.0.0", "250 ok"),
        attempt(2, "b@example.net", "bounced", "5.1.1",
            "host mx.example.net[203.0.113.7] said: 550 5.1.1 <b@example.net>: User unknown (in reply to RCPT TO"
                + " command)"),
        attempt(3, "c@example.net", "deferred", "4.4.1",
            "connect to mx.example.net[203.0.113.7]:25: Connection refused")));
    assertThat(rows).extracting(DeliveryRow::recipient, DeliveryRow::verdict, DeliveryRow::category)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a@example.net", Verdict.HANDED_OVER, null),
            org.assertj.core.groups.Tuple.tuple("b@example.net", Verdict.BOUNCED, "recipient-unknown"),
            org.assertj.core.groups.Tuple.tuple("c@example.net", Verdict.DEFERRED, "connection-failure"));
    assertThat(rows.get(1).evidence()).extracting(Evidence::line).containsExactly(1L, 3L);
    assertThat(rows.get(1).hint()).contains("does not exist");
    assertThat(rows.get(2).replyCode()).isNull();
    assertThat(rows.get(2).dsn()).isEqualTo("4.4.1");
  }

  @Test
  void deferredUntilTheMessageExpiredIsExpired() {
    List<DeliveryRow> rows = VerdictEngine.rows("k", events(
        attempt(1, "x@example.net", "deferred", "4.3.0",
            "host mx.example.net[203.0.113.7] said: 451 4.3.0 Temporary failure (in reply to RCPT TO command)"),
        line(5, "qmgr", "from=<mary@example.com>, status=expired, returned to sender")));
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.EXPIRED);
      assertThat(row.replyCode()).isEqualTo(451);
      assertThat(row.sender()).isEqualTo("mary@example.com");
    });
  }

  @Test
  void localDeliveryIsDeliveredLocally() {
    List<DeliveryRow> rows = VerdictEngine.rows("k", events(line(1, "virtual",
        "to=<bob@example.com>, relay=virtual, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=sent (delivered to"
            + " maildir)")));
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.DELIVERED_LOCALLY);
      assertThat(row.relay()).isEqualTo("virtual");
      assertThat(row.reply()).isEqualTo("delivered to maildir");
    });
  }

  @Test
  void rejectionWithinAnAcceptedMessageIsRejectedForThatRecipient() {
    List<DeliveryRow> rows = VerdictEngine.rows("k", events(line(1, "smtpd",
        "reject: RCPT from client.example.org[192.0.2.1]: 550 5.1.1 <n@example.com>: Recipient address rejected:"
            + " User unknown in virtual mailbox table; from=<mary@example.com> to=<n@example.com> proto=ESMTP"
            + " helo=<client.example.org>")));
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.REJECTED);
      assertThat(row.relay()).isEqualTo("client.example.org[192.0.2.1]");
      assertThat(row.category()).isEqualTo("recipient-unknown");
      assertThat(row.attempts()).isZero();
    });
  }

  @Test
  void messageWithoutAnyRecipientEventIsUnknown() {
    List<DeliveryRow> rows = VerdictEngine.rows("k", events(
        line(1, "qmgr", "from=<mary@example.com>, size=100, nrcpt=1 (queue active)")));
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.UNKNOWN);
      assertThat(row.recipient()).isNull();
    });
  }

  private static Observation conversationLine(String time, String recipient, String what, Relay relay) {
    EventHeader header = new EventHeader(new SourceLine("conv.log", 3, 0, time + " " + what), Instant.parse(time),
        "mx1", "xeams", "SMTPOutboundConversation", "7100001");
    return new Observation(header, recipient, what, relay);
  }

  /** Issue 26, case 16: a connection that named no recipient (connect, EHLO, QUIT; a session cut) is no message. */
  @Test
  void linesOfAConnectionThatNamesNoRecipientGiveNoRow() {
    List<LogEvent> connection = List.of(
        conversationLine("2026-03-02T09:15:04Z", null, "New (secure) connection to: 198.51.100.25", null),
        conversationLine("2026-03-02T09:15:05Z", null, "EHLO mail.example.com", null));
    Linked link = new Linked(connection.get(0).header(), null, "7100001", LinkReason.SAME_MESSAGE);
    assertThat(VerdictEngine.rows("k", connection)).isEmpty();
    assertThat(VerdictEngine.rows("k", List.of(link, connection.get(0)))).isEmpty();
    List<LogEvent> withRemoved = new ArrayList<>(connection);
    withRemoved.add(removedAt("2026-03-02T09:15:06Z", "conv.log", 4));
    assertThat(VerdictEngine.rows("k", withRemoved)).as("a fact of the message still makes its row").hasSize(1);
  }

  /** Issue 26, case 17: a row no attempt decides still names the server its recipient was being given to. */
  @Test
  void anUndecidedRowNamesTheServerItsRecipientWasOfferedTo() {
    Relay mx = new Relay("198.51.100.25", null, -1);
    List<LogEvent> events = List.of(
        conversationLine("2026-03-02T09:15:04Z", null, "New (secure) connection to: 198.51.100.25", null),
        conversationLine("2026-03-02T09:15:05Z", "bob@example.net", "RCPT TO:<bob@example.net>", mx),
        conversationLine("2026-03-02T09:15:06Z", "bob@example.net", "250 2.1.5 Ok", mx));
    assertThat(VerdictEngine.rows("k", events)).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.UNKNOWN);
      assertThat(row.relay()).isEqualTo("198.51.100.25");
      assertThat(row.replyCode()).isNull();
      assertThat(row.category()).isNull();
    });
    DeliveryAttempt bounced = report("failure.log", "failure", "2026-03-02T09:15:07Z", "7100001", "bob@example.net",
        DeliveryStatus.BOUNCED, "550 5.1.1 unknown", new Relay("mx.example.net", null, -1));
    List<LogEvent> decided = new ArrayList<>(events);
    decided.add(bounced);
    assertThat(VerdictEngine.rows("k", decided)).singleElement()
        .satisfies(row -> assertThat(row.relay()).as("the attempt decides").isEqualTo("mx.example.net"));
  }

  /** Issue 26, case 15: an audit line tells the sender of the whole message but is evidence of its recipient only. */
  @Test
  void aLineAboutOneRecipientThatAlsoTellsTheSenderIsEvidenceOfThatRecipientOnly() {
    DeliveryAttempt alice = report("success.log", "success", "2026-03-02T09:15:05Z", "7100001", "alice@example.net",
        DeliveryStatus.SENT, null, null);
    DeliveryAttempt bob = report("failure.log", "failure", "2026-03-02T09:15:04Z", "7100001", "bob@example.net",
        DeliveryStatus.DEFERRED, "452 4.2.2 Mailbox full", null);
    Queued senderOfAlicesLine = new Queued(alice.header(), "sales@example.com", -1, -1);
    List<LogEvent> events = List.of(bob, senderOfAlicesLine, alice, removedAt("2026-03-02T09:15:06Z", "queue.log", 9));
    assertThat(VerdictEngine.rows("k", events)).extracting(DeliveryRow::recipient, DeliveryRow::sender,
        row -> row.evidence().stream().map(Evidence::file).toList()).containsExactly(
            tuple("bob@example.net", "sales@example.com", List.of("failure.log", "queue.log")),
            tuple("alice@example.net", "sales@example.com", List.of("success.log", "queue.log")));
  }

  @Test
  void theDiscardTransportDiscardsWithItsNextHopAsTheReasonAndAHintThatNamesIt() {
    List<DeliveryRow> rows = VerdictEngine.rows("k", events(
        line(0, "qmgr", "from=<mary@example.com>, size=100, nrcpt=1 (queue active)"),
        attempt(1, "a@example.net", "deferred", "4.4.1", "connect to mx.example.net[203.0.113.7]:25: Connection"
            + " refused"),
        line(2, "discard", "to=<a@example.net>, relay=none, delay=2, delays=2/0/0/0, dsn=2.0.0, status=sent"
            + " (blackhole.example.net)")));
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.verdict()).as("a discard after a deferral decides").isEqualTo(Verdict.DISCARDED);
      assertThat(row.reply()).isEqualTo("blackhole.example.net");
      assertThat(row.relay()).isNull();
      assertThat(row.replyCode()).isNull();
      assertThat(row.category()).as("no failure to diagnose: the server's own rule").isNull();
      assertThat(row.hint()).contains("discard(8)", "blackhole.example.net", "on purpose");
      assertThat(row.attempts()).as("the deferral; a discard is no delivery attempt").isEqualTo(1);
    });
  }

  @Test
  void aContentCheckOrAccessRuleDiscardIsDiscardedWithTheClientAndSenderOfItsLine() {
    List<DeliveryRow> rows = VerdictEngine.rows("k", events(
        "Nov 23 10:00:00 mx1 postfix/smtpd[1]: NOQUEUE: discard: RCPT from unknown[192.0.2.9]: <s@example.org>:"
            + " Sender address triggers DISCARD action; from=<s@example.org> to=<r@example.com> proto=ESMTP"
            + " helo=<h.example.org>"));
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.DISCARDED);
      assertThat(row.recipient()).isEqualTo("r@example.com");
      assertThat(row.sender()).isEqualTo("s@example.org");
      assertThat(row.client()).isEqualTo("unknown[192.0.2.9]");
      assertThat(row.reply()).isEqualTo("<s@example.org>: Sender address triggers DISCARD action");
      assertThat(row.hint()).contains("smtpd restrictions at RCPT");
    });
  }

  @Test
  void aRefusalAtAStageThatNamesNoRecipientIsARejectedRowWithoutRecipient() {
    List<DeliveryRow> rows = VerdictEngine.rows("k", events(
        "Nov 23 10:00:03 mx1 postfix/smtpd[1]: NOQUEUE: reject: MAIL from c.example.org[198.51.100.3]: 452 4.3.1"
            + " Insufficient system storage; proto=ESMTP helo=<c.example.org>"));
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.REJECTED);
      assertThat(row.recipient()).isNull();
      assertThat(row.sender()).isNull();
      assertThat(row.relay()).isEqualTo("c.example.org[198.51.100.3]");
      assertThat(row.client()).isEqualTo("c.example.org[198.51.100.3]");
      assertThat(row.reply()).as("the envelope is no part of the reply")
          .isEqualTo("452 4.3.1 Insufficient system storage");
      assertThat(row.evidence()).hasSize(1);
      assertThat(row.lastEvent()).isEqualTo(Instant.parse("2026-11-23T10:00:03Z"));
    });
  }

  @Test
  void aRefusalOfTheEmptyRecipientHasItsLineAsEvidenceAndItsTime() {
    List<DeliveryRow> rows = VerdictEngine.rows("k", events(
        "Nov 23 10:00:04 mx1 postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.8]: 550 5.1.3 <>:"
            + " Recipient address rejected: empty; from=<p@example.org> to=<> proto=ESMTP helo=<p.example.org>"));
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.REJECTED);
      assertThat(row.recipient()).isNull();
      assertThat(row.sender()).isEqualTo("p@example.org");
      assertThat(row.evidence()).extracting(Evidence::line).containsExactly(1L);
      assertThat(row.lastEvent()).isEqualTo(Instant.parse("2026-11-23T10:00:04Z"));
    });
  }

  @Test
  void aRefusalOrDiscardOfTheWholeMessageDecidesEveryRecipientWithoutAFateOfItsOwn() {
    EventHeader session = new EventHeader(new SourceLine("in.log", 1, 0, "RCPT TO:<b@example.com>"),
        Instant.parse("2026-11-23T10:00:00Z"), "mx1", "axigen", "SMTP-IN", "S1");
    EventHeader data = new EventHeader(new SourceLine("in.log", 2, 40, "DATA refused"),
        Instant.parse("2026-11-23T10:00:01Z"), "mx1", "axigen", "SMTP-IN", "S1");
    List<LogEvent> refused = List.of(new Observation(session, "b@example.com", "RCPT TO:<b@example.com>"),
        new Rejected(data, null, "s@example.org", "c[192.0.2.1]", "DATA", new SmtpReply(554, "5.7.1", "554 5.7.1 no")));
    assertThat(VerdictEngine.rows("k", refused)).singleElement().satisfies(row -> {
      assertThat(row.recipient()).isEqualTo("b@example.com");
      assertThat(row.verdict()).isEqualTo(Verdict.REJECTED);
      assertThat(row.evidence()).hasSize(2);
    });
  }

  @Test
  void everyRowHasEvidenceAndATimeAndNoEventGivesNoRow() {
    List<List<LogEvent>> messages = List.of(
        events("Nov 23 10:00:00 mx1 postfix/smtpd[1]: NOQUEUE: reject: CONNECT from unknown[192.0.2.7]: 554 5.7.1"
            + " <unknown[192.0.2.7]>: Client host rejected: Access denied; proto=SMTP"),
        events("Nov 23 10:00:00 mx1 postfix/postscreen[1]: NOQUEUE: reject: CONNECT from [192.0.2.7]:4711: too"
            + " many connections"),
        events("Nov 23 10:00:00 mx1 postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.8]: 550 5.1.3"
            + " <>: Recipient address rejected: empty; to=<> proto=ESMTP"),
        events(line(1, "qmgr", "from=<mary@example.com>, size=100, nrcpt=1 (queue active)")),
        events(line(1, "cleanup", "discard: body spam from local; from=<a@example.com> to=<b@example.com>")));
    for (List<LogEvent> message : messages) {
      assertThat(VerdictEngine.rows("k", message)).isNotEmpty().allSatisfy(row -> {
        assertThat(row.evidence()).as("%s", message).isNotEmpty();
        assertThat(row.lastEvent()).as("%s", message).isNotNull();
        assertThat(row.firstSeen()).as("%s", message).isNotNull();
      });
    }
    assertThat(VerdictEngine.rows("k", List.of())).isEmpty();
  }

  private static DeliveryAttempt report(String file, String program, String time, String localId, String recipient,
      DeliveryStatus status, String reply, Relay relay) {
    EventHeader header = new EventHeader(new SourceLine(file, 7, 0, program + " " + time), Instant.parse(time),
        "mx1", "xeams", program, localId);
    return new DeliveryAttempt(header, recipient, null, status, false, relay,
        reply == null ? null : SmtpReplies.parseAt(reply, 0), reply == null ? "accepted" : null, -1);
  }

  @Test
  void oneAttemptReportedByTwoLogsCountsOnceAndTheReportWithTheReplyDecides() {
    List<LogEvent> events = List.of(
        report("conv.log", "conversation", "2026-03-02T09:15:04.620Z", "7100001", "bob@example.net",
            DeliveryStatus.DEFERRED, "452 4.2.2 Mailbox full", new Relay("198.51.100.25", null, -1)),
        report("failure.log", "failure", "2026-03-02T09:15:04.625Z", "7100001", "bob@example.net",
            DeliveryStatus.DEFERRED, null, null),
        report("success.log", "success", "2026-03-02T09:45:08.015Z", "7100377", "bob@example.net",
            DeliveryStatus.SENT, null, null),
        report("conv.log", "conversation", "2026-03-02T09:45:08.012Z", "7100377", "bob@example.net",
            DeliveryStatus.SENT, "250 2.0.0 Ok: queued as 9B77E20C41", new Relay("198.51.100.25", null, -1)));
    assertThat(VerdictEngine.rows("k", events)).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.HANDED_OVER);
      assertThat(row.attempts()).isEqualTo(2);
      assertThat(row.replyCode()).isEqualTo(250);
      assertThat(row.remoteId()).isEqualTo("9B77E20C41");
      assertThat(row.relay()).isEqualTo("198.51.100.25");
      assertThat(row.evidence()).extracting(Evidence::file)
          .containsExactly("conv.log", "failure.log", "conv.log", "success.log");
    });
  }

  @Test
  void reportsOfOneProgramOrFarApartOrWithOtherOutcomesStayDistinctAttempts() {
    List<LogEvent> events = List.of(
        report("a.log", "conversation", "2026-03-02T09:00:00Z", "1", "x@example.net", DeliveryStatus.DEFERRED,
            "451 4.7.1 Greylisted", null),
        report("b.log", "conversation", "2026-03-02T09:00:01Z", "1", "x@example.net", DeliveryStatus.DEFERRED,
            "451 4.7.1 Greylisted", null),
        report("c.log", "failure", "2026-03-02T09:05:00Z", "1", "x@example.net", DeliveryStatus.DEFERRED, null,
            null),
        report("d.log", "success", "2026-03-02T09:05:01Z", "1", "x@example.net", DeliveryStatus.SENT, null, null),
        report("e.log", "failure", "2026-03-02T09:05:02Z", "2", "x@example.net", DeliveryStatus.SENT, null, null));
    assertThat(VerdictEngine.rows("k", events)).singleElement()
        .satisfies(row -> assertThat(row.attempts()).isEqualTo(5));
  }

  @Test
  void aLineHoldingSeveralEventsIsOneLineOfEvidence() {
    DeliveryAttempt attempt = report("s.log", "success", "2026-03-02T09:15:05Z", "7100001", "a@example.net",
        DeliveryStatus.SENT, null, null);
    Linked link = new Linked(attempt.header(), "a@example.net", "7100001", LinkReason.SAME_MESSAGE);
    assertThat(VerdictEngine.rows("k", List.of(link, attempt))).singleElement()
        .satisfies(row -> assertThat(row.evidence()).hasSize(1));
  }

  private static LogEvent removedAt(String time, String file, long line) {
    SourceLine source = new SourceLine(file, line, line * 100, "line " + line + " of " + file);
    return new Removed(new EventHeader(source, time == null ? null : Instant.parse(time), "mx1", "postfix",
        "postfix/qmgr", "3F2A81C0D2"), false);
  }

  @Test
  void chronologicalOrderIsNoTimeFirstThenTimeThenFileThenLine() {
    LogEvent noTime = removedAt(null, "mail.log", 9);
    LogEvent early = removedAt("2026-11-23T10:00:01Z", "mail.log.1", 50);
    LogEvent laterInOlderFile = removedAt("2026-11-23T10:00:02Z", "mail.log", 7);
    LogEvent laterInNewerFileFirstLine = removedAt("2026-11-23T10:00:02Z", "mail.log.1", 3);
    LogEvent laterInNewerFileNextLine = removedAt("2026-11-23T10:00:02Z", new String("mail.log.1"), 4);
    List<LogEvent> shuffled = new ArrayList<>(List.of(laterInNewerFileNextLine, early, laterInOlderFile, noTime,
        laterInNewerFileFirstLine));
    shuffled.sort(VerdictEngine.CHRONOLOGICAL);
    assertThat(shuffled).containsExactly(noTime, early, laterInOlderFile, laterInNewerFileFirstLine,
        laterInNewerFileNextLine);
    assertThat(VerdictEngine.CHRONOLOGICAL.compare(early, removedAt("2026-11-23T10:00:01Z", "mail.log.1", 50)))
        .as("same time, file (another String of it) and line").isZero();
  }

  @Test
  void aLineThatHoldsSeveralEventsIsOneLineOfEvidence() {
    // a Postfix "forwarded as" delivery is two events (the attempt, the link) read from one line
    List<DeliveryRow> rows = VerdictEngine.rows("k", events(
        line(1, "qmgr", "from=<mary@example.com>, size=100, nrcpt=1 (queue active)"),
        line(2, "local", "to=<a@example.com>, relay=local, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent"
            + " (forwarded as 5B1C2D3E4F)"),
        line(3, "qmgr", "removed")));
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.forwardedAs()).isEqualTo("5B1C2D3E4F");
      assertThat(row.evidence()).extracting(Evidence::line).containsExactly(1L, 2L, 3L);
    });
  }

  /** Issue 26, case 6: the same blocklist words on a refusal we gave and on a refusal we got. */
  @Test
  void aRefusalOurServerGaveGetsTheInboundHintAndOneWeGotTheOutbound() {
    String blocked = "554 5.7.1 Service unavailable; Client host [192.0.2.170] blocked using zen.spamhaus.org";
    List<DeliveryRow> inbound = VerdictEngine.rows("k", events(line(1, "smtpd",
        "reject: RCPT from unknown[192.0.2.170]: " + blocked + "; from=<x@example.org> to=<rita@example.com>"
            + " proto=ESMTP helo=<client.example.org>")));
    List<DeliveryRow> outbound = VerdictEngine.rows("k", events(attempt(1, "rita@example.net", "bounced", "5.7.1",
        "host mx.example.net[203.0.113.7] said: " + blocked + " (in reply to RCPT TO command)")));
    assertThat(inbound).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.REJECTED);
      assertThat(row.category()).isEqualTo("blocked-or-blacklisted");
      assertThat(row.hint()).startsWith("our server refused the sending client").doesNotContain("our IP");
    });
    assertThat(outbound).singleElement().satisfies(row -> {
      assertThat(row.category()).isEqualTo("blocked-or-blacklisted");
      assertThat(row.hint()).contains("check our IP on the named list");
    });
  }

  /** Issue 26, case 7: only a pending delivery retries by itself; an expired one was given up. */
  @Test
  void theHintOfAnExpiredRowSaysItWasGivenUpAndADeferredOneThatItRetries() {
    String refused = "connect to mx.example.net[203.0.113.7]:25: Connection refused";
    List<DeliveryRow> expired = VerdictEngine.rows("k", events(
        attempt(1, "x@example.net", "deferred", "4.4.1", refused),
        line(5, "qmgr", "from=<mary@example.com>, status=expired, returned to sender")));
    List<DeliveryRow> deferred = VerdictEngine.rows("k", events(
        attempt(1, "x@example.net", "deferred", "4.4.1", refused)));
    assertThat(expired).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.EXPIRED);
      assertThat(row.category()).isEqualTo("connection-failure");
      assertThat(row.hint()).doesNotContain("retries").contains("has given up");
    });
    assertThat(deferred).singleElement()
        .satisfies(row -> assertThat(row.hint()).endsWith("our server retries by itself until the queue lifetime"
            + " runs out"));
  }

  /** Issue 26, case 1: LMTP to a content filter that queued the message again passed it on; it stored nothing. */
  @Test
  void anLmtpDeliveryWhoseReplyQueuedTheMessageIsHandedOverNotStored() {
    List<DeliveryRow> rows = VerdictEngine.rows("k", events(line(1, "lmtp",
        "to=<rita@example.com>, relay=127.0.0.1[127.0.0.1]:10024, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent"
            + " (250 2.0.0 <rita@example.com> Ok, id=12345-01, from MTA([127.0.0.1]:10025): 250 2.0.0 Ok: queued"
            + " as 7C1D2E3F4A)"),
        line(2, "lmtp", "to=<sam@example.com>, relay=mail.example.com[private/dovecot-lmtp], delay=1,"
            + " delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 <sam@example.com> nV3kJ2Qx Saved)")));
    assertThat(rows).extracting(DeliveryRow::recipient, DeliveryRow::verdict, DeliveryRow::remoteId).containsExactly(
        org.assertj.core.groups.Tuple.tuple("rita@example.com", Verdict.HANDED_OVER, "7C1D2E3F4A"),
        org.assertj.core.groups.Tuple.tuple("sam@example.com", Verdict.DELIVERED_LOCALLY, null));
  }

  @Test
  void anAddressVerificationProbeIsNoDeliveryAndGetsNoRow() {
    List<LogEvent> probe = events(
        line(1, "cleanup", "message-id=<20261123100001.3F2A81C0D2@mx1.example.com>"),
        line(1, "qmgr", "from=<double-bounce@mx1.example.com>, size=263, nrcpt=1 (queue active)"),
        attempt(2, "fay@example.org", "undeliverable", "5.1.1",
            "host mx.example.net[203.0.113.7] said: 550 5.1.1 <fay@example.org>: User unknown (in reply to RCPT TO"
                + " command)"),
        line(2, "qmgr", "removed"));
    assertThat(VerdictEngine.rows("postfix:mx1:3F2A81C0D2", probe)).isEmpty();
    assertThat(VerdictEngine.rows("postfix:mx1:3F2A81C0D2", probe.subList(0, 2)))
        .as("before its answer is logged, the message is not known as a probe").singleElement()
        .satisfies(row -> assertThat(row.verdict()).isEqualTo(Verdict.UNKNOWN));
  }
}
