package org.smtptrail.format.xeams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.Expired;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.testkit.CollectingSink;
import org.smtptrail.testkit.EventStrings;
import org.smtptrail.testkit.Fixtures;

class XeamsLineParserTest {
  private static final Instant REFERENCE = Instant.parse("2026-03-04T00:00:00Z");

  private static CollectingSink parse(String file, List<String> lines, ZoneId zone, String hostLabel) {
    LineParser parser = new XeamsLineParser(new ParseContext(file, zone, REFERENCE, hostLabel));
    CollectingSink sink = new CollectingSink();
    long offset = 0;
    for (int i = 0; i < lines.size(); i++) {
      parser.parse(new SourceLine(file, i + 1, offset, lines.get(i)), sink);
      offset += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
    }
    parser.flush(sink);
    return sink;
  }

  /** Parses a fixture as if it had the given Xeams file name. */
  private static List<LogEvent> events(String fixture, String asFile) {
    return parse("/opt/Xeams/logs/" + asFile, Fixtures.lines("/xeams/" + fixture), ZoneOffset.UTC, null).events();
  }

  /** The physical lines of a resource split at LF only, so a CR before it stays (Fixtures.lines drops it). */
  private static List<String> rawLines(String resource) {
    try (InputStream in = XeamsLineParserTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      List<String> lines = new ArrayList<>(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .split("\n")));
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> List<T> only(List<LogEvent> events, Class<T> kind) {
    return events.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  @Test
  void verifiedConversationExcerptIsADialogueOfObservationsUnderItsLcid() {
    List<LogEvent> events = events("verified-excerpts.log", "SMTPOutboundConversation.log");
    assertThat(only(events, DeliveryAttempt.class)).as("no data was sent: nothing decided").isEmpty();
    assertThat(only(events, Queued.class)).singleElement()
        .satisfies(q -> assertThat(q.sender()).isEqualTo("support@example.com"));
    assertThat(only(events, Observation.class)).extracting(o -> o.header().source().lineNumber(), Observation::recipient)
        .containsExactly(tuple(1L, null), tuple(2L, null), tuple(3L, null), tuple(4L, null), tuple(5L, null),
            tuple(6L, null), tuple(8L, null), tuple(9L, "someone@example.net"), tuple(10L, "someone@example.net"));
    assertThat(events).filteredOn(e -> !(e instanceof Linked)).allSatisfy(e -> {
      assertThat(e.header().localId()).isEqualTo("7054286");
      assertThat(e.header().program()).isEqualTo("SMTPOutboundConversation");
      assertThat(e.header().format()).isEqualTo("xeams");
      assertThat(e.header().host()).isEqualTo("xeams");
    });
    assertThat(only(events, Linked.class)).extracting(l -> l.header().localId(), Linked::recipient,
            Linked::linkedLocalId)
        .containsExactly(tuple("7054286/support@example.com", "someone@example.net",
                "pending:support@example.com>someone@example.net"),
            tuple("7054286/support@example.com", null, "7054286"));
    assertThat(only(events, Observation.class).get(0).header().time())
        .isEqualTo(Instant.parse("2024-03-21T11:39:49.056Z"));
  }

  @Test
  void linesBeforeTheFirstRecipientWaitForTheLinksThatNameTheirTransaction() {
    List<LogEvent> events = events("SMTPOutboundConversation.log", "SMTPOutboundConversation.log");
    int firstLinked = events.indexOf(only(events, Linked.class).get(0));
    int marker = -1;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).header().source().lineNumber() == 1) {
        marker = i;
      }
    }
    assertThat(firstLinked).isLessThan(marker);
  }

  @Test
  void theReplyToRcptDecidesARefusedRecipientAndTheReplyToTheDataTheAcceptedOnes() {
    List<DeliveryAttempt> attempts = only(events("SMTPOutboundConversation.log", "SMTPOutboundConversation.log"),
        DeliveryAttempt.class);
    assertThat(attempts).extracting(a -> a.header().source().lineNumber(), a -> a.header().localId(),
            DeliveryAttempt::recipient, DeliveryAttempt::status, a -> a.reply().code(), a -> a.reply().enhancedStatus())
        .containsExactly(
            tuple(11L, "7100001", "bob@example.net", DeliveryStatus.DEFERRED, 452, "4.2.2"),
            tuple(14L, "7100001", "alice@example.net", DeliveryStatus.SENT, 250, "2.0.0"),
            tuple(28L, "7100377", "bob@example.net", DeliveryStatus.SENT, 250, "2.0.0"));
    assertThat(attempts).allSatisfy(a -> assertThat(a.relay().toString()).isEqualTo("198.51.100.25"));
    assertThat(attempts.get(1).reply().text()).isEqualTo("250 2.0.0 Ok: queued as 4F2A1C03B7");
  }

  @Test
  void pipelinedCommandsAreAnsweredInOrderAndOneConnectionCarriesTwoMessages() {
    List<LogEvent> events = events("pipelined-two-messages.log", "SMTPOutboundConversation.log");
    assertThat(only(events, DeliveryAttempt.class))
        .extracting(DeliveryAttempt::recipient, DeliveryAttempt::status, a -> a.reply().code())
        .containsExactly(tuple("ivan@example.org", DeliveryStatus.BOUNCED, 550),
            tuple("henry@example.org", DeliveryStatus.SENT, 250),
            tuple("ivy@example.org", DeliveryStatus.BOUNCED, 554));
    assertThat(only(events, Linked.class)).filteredOn(l -> l.linkedLocalId().equals("7100060"))
        .extracting(l -> l.header().localId())
        .containsExactly("7100060/billing@example.com", "7100060/support@example.com");
    assertThat(only(events, Queued.class)).extracting(Queued::sender)
        .containsExactly("billing@example.com", "support@example.com");
    assertThat(events).filteredOn(e -> "7100061".equals(e.header().localId())).as("the other session")
        .extracting(e -> e.header().source().lineNumber()).containsExactly(4L, 11L);
  }

  @Test
  void aFailureRecordSpanningTwoLinesIsOneRecordAtItsFirstLine() {
    List<DeliveryAttempt> attempts = only(events("OutboundAuditTrailFailure.log", "OutboundAuditTrailFailure.log"),
        DeliveryAttempt.class);
    assertThat(attempts).extracting(a -> a.header().source().lineNumber(), DeliveryAttempt::recipient,
            DeliveryAttempt::status)
        .containsExactly(tuple(1L, "bob@example.net", DeliveryStatus.DEFERRED),
            tuple(3L, "carol@example.org", DeliveryStatus.DEFERRED),
            tuple(4L, "carol@example.org", DeliveryStatus.DEFERRED),
            tuple(5L, "dave@example.net", DeliveryStatus.BOUNCED),
            tuple(7L, "erin@example.org", DeliveryStatus.BOUNCED));
    DeliveryAttempt bob = attempts.get(0);
    assertThat(bob.header().source().byteOffset()).isZero();
    assertThat(bob.header().source().text()).contains("try again later\n],Subject: Q1 invoice 4471, final");
    assertThat(bob.reply().code()).isEqualTo(452);
    assertThat(bob.reply().text()).isEqualTo(
        "452 4.2.2 <bob@example.net>: Recipient address rejected: Mailbox full, try again later");
    assertThat(bob.relay().toString()).isEqualTo("198.51.100.25");
    assertThat(attempts.get(3).relay().toString()).isEqualTo("mx.example.net");
  }

  @Test
  void aFailureWithoutReplyCodeIsADeferralExplainedByItsReason() {
    DeliveryAttempt carol = only(events("OutboundAuditTrailFailure.log", "OutboundAuditTrailFailure.log"),
        DeliveryAttempt.class).get(1);
    assertThat(carol.reply()).isNull();
    assertThat(carol.detail()).isEqualTo("No Server Listening on Port 25");
    assertThat(carol.header().localId()).isEqualTo("7100012");
  }

  @Test
  void theVerifiedFailureLineIsAPermanentBounceWithItsHashedEnhancedCode() {
    DeliveryAttempt john = only(events("failure-verified.log", "OutboundAuditTrailFailure.log"),
        DeliveryAttempt.class).get(0);
    assertThat(john.status()).isEqualTo(DeliveryStatus.BOUNCED);
    assertThat(john.reply().code()).isEqualTo(550);
    assertThat(john.reply().enhancedStatus()).isEqualTo("5.1.0");
    assertThat(john.header().localId()).isEqualTo("5862768");
  }

  @Test
  void successLinesAreHandOversLinkedByLcidSenderAndSubject() {
    List<LogEvent> events = events("OutboundAuditTrailSuccess.log", "OutboundAuditTrailSuccess.log");
    assertThat(only(events, DeliveryAttempt.class))
        .extracting(DeliveryAttempt::recipient, DeliveryAttempt::status, DeliveryAttempt::reply, a -> a.header()
            .localId())
        .containsExactly(tuple("alice@example.net", DeliveryStatus.SENT, null, "7100001"),
            tuple("bob@example.net", DeliveryStatus.SENT, null, "7100377"),
            tuple("frank@example.net", DeliveryStatus.SENT, null, "7100040"),
            tuple("grace@example.net", DeliveryStatus.SENT, null, "7100040"),
            tuple("ops@example.org", DeliveryStatus.SENT, null, "7100052"));
    List<Linked> joins = only(events, Linked.class).stream().filter(l -> l.linkedLocalId().startsWith("pending:"))
        .toList();
    assertThat(joins).extracting(Linked::linkedLocalId).allMatch(id -> id.contains("#"));
    assertThat(joins.get(0).linkedLocalId()).as("same subject, other recipient")
        .isNotEqualTo(joins.get(1).linkedLocalId()).startsWith("pending:sales@example.com>alice@example.net#");
    assertThat(only(events, Linked.class)).filteredOn(l -> l.linkedLocalId().equals("7100040"))
        .as("one switch per connection and sender").hasSize(1);
  }

  @Test
  void windowsLineEndsAreDroppedBeforeJoining() {
    List<String> lines = rawLines("/xeams/crlf-failure.log");
    assertThat(lines.get(0)).endsWith("\r");
    List<DeliveryAttempt> attempts = only(parse("OutboundAuditTrailFailure.log", lines, ZoneOffset.UTC, null)
        .events(), DeliveryAttempt.class);
    assertThat(attempts).extracting(a -> a.header().source().lineNumber(), a -> a.reply() == null ? 0 : a.reply()
            .code())
        .containsExactly(tuple(1L, 421), tuple(3L, 0));
    assertThat(attempts).allSatisfy(a -> assertThat(a.header().source().text()).doesNotContain("\r"));
    assertThat(attempts.get(0).header().source().text()).endsWith("later\n],Subject: Weekly KPI report");
    assertThat(attempts.get(1).detail()).isEqualTo("Connection reset");
  }

  @Test
  void tabsMissingOrDottedMillisecondsAndTwelveHourClocksAreRead() {
    List<DeliveryAttempt> attempts = only(events("tolerated-shapes.log", "tolerated-shapes.log"),
        DeliveryAttempt.class);
    assertThat(attempts).extracting(DeliveryAttempt::recipient, a -> a.header().time(), a -> a.header().localId())
        .containsExactly(tuple("alice@example.net", Instant.parse("2026-03-02T09:15:05.902Z"), "7100001"),
            tuple("bob@example.net", Instant.parse("2026-03-02T21:45:08Z"), "7100377"),
            tuple("frank@example.net", Instant.parse("2026-03-02T11:05:41Z"), "7100040"));
    assertThat(attempts.get(2).relay().toString()).isEqualTo("198.51.100.25");
  }

  @Test
  void theSourcesZoneDecidesTheInstant() {
    List<String> line = List.of("2026-03-02 09:15:05,902 - [   7100001] alice@example.net,sales@example.com,"
        + "Subject: x");
    assertThat(parse("OutboundAuditTrailSuccess.log", line, ZoneId.of("Europe/Berlin"), null).events())
        .allSatisfy(e -> assertThat(e.header().time()).isEqualTo(Instant.parse("2026-03-02T08:15:05.902Z")));
    assertThat(parse("OutboundAuditTrailSuccess.log", line, ZoneId.of("America/New_York"), null).events())
        .allSatisfy(e -> assertThat(e.header().time()).isEqualTo(Instant.parse("2026-03-02T14:15:05.902Z")));
  }

  @Test
  void queueLinesAreObservationsExceptGivingUpWhichExpiresTheMessage() {
    CollectingSink sink = parse("SmtpQueue.log", Fixtures.lines("/xeams/SmtpQueue.log"), ZoneOffset.UTC, null);
    assertThat(only(sink.events(), Observation.class))
        .extracting(o -> o.header().localId(), Observation::recipient, Observation::what)
        .containsExactly(
            tuple("7100001", "bob@example.net", "queued for retry: 452 4.2.2 Mailbox full, try again later"),
            tuple("7100012", "carol@example.org", "queued for retry: No Server Listening on Port 25"),
            tuple("7100377", "bob@example.net", "delivered from the queue"),
            tuple("7100391", "carol@example.org",
                "retry: No Server Listening on Port 25, next attempt in 30 minutes"),
            tuple("7100020", "dave@example.net", "permanent failure, not queued: 550 5.1.1 User unknown"));
    assertThat(only(sink.events(), Expired.class)).singleElement().satisfies(expired -> {
      assertThat(expired.sender()).isEqualTo("hr@example.com");
      assertThat(expired.header().localId()).isEqualTo("7104455");
    });
    assertThat(only(sink.events(), Linked.class)).extracting(l -> l.header().localId(), Linked::linkedLocalId)
        .contains(tuple("7104455/hr@example.com", "pending:hr@example.com>carol@example.org"));
    assertThat(sink.skipped()).extracting(SourceLine::lineNumber).containsExactly(3L);
    assertThat(only(sink.events(), DeliveryAttempt.class)).as("the queue decides nothing else").isEmpty();
  }

  @Test
  void linesThatDoNotFitAreUnparsedWithWhatWasExpected() {
    CollectingSink sink = parse("SMTPOutboundConversation.log", Fixtures.lines("/xeams/unknown-lines.log"),
        ZoneOffset.UTC, null);
    assertThat(only(sink.events(), Unparsed.class))
        .extracting(u -> u.header().source().lineNumber(), u -> u.header().localId(), Unparsed::expected)
        .containsExactly(
            tuple(1L, null, "a record starting with a 'yyyy-MM-dd HH:mm:ss' timestamp"),
            tuple(6L, "7100001", "a valid date and time (yyyy-MM-dd HH:mm:ss)"),
            tuple(3L, "7100001", OutboundConversations.EXPECTED),
            tuple(5L, "7100001", "RCPT TO:<address>"));
    assertThat(only(sink.events(), Unparsed.class).get(2).header().source().text())
        .as("the stack-trace line joins the exception").endsWith("Connection reset\n\tat java.base/sun.nio.ch"
            + ".NioSocketImpl.implRead(NioSocketImpl.java:318)");
    assertThat(sink.skipped()).extracting(SourceLine::lineNumber).containsExactly(7L);
  }

  @Test
  void xeamsLogsAboutOtherThingsAreSkipped() {
    CollectingSink sink = parse("/opt/Xeams/logs/SMTPConversation.log", List.of(
        "2026-03-02 09:15:02,001 - [   7099990] ************ New connection from: 192.0.2.55",
        "2026-03-02 09:15:02,040 - [   7099990] C --> RCPT TO:<alice@example.net>",
        "2026-03-02 09:15:03,500 - [   7099990] S <-- 250 Message accepted for delivery"), ZoneOffset.UTC, null);
    assertThat(sink.events()).isEmpty();
    assertThat(sink.skipped()).hasSize(3);
  }

  @Test
  void anAuditLineWithoutLcidStillJoinsByRecipientAndSender() {
    List<LogEvent> events = parse("OutboundAuditTrailSuccess.log",
        List.of("2026-03-02 09:45:08,015 - bob@example.net,sales@example.com,Subject: Q1"), ZoneOffset.UTC, null)
        .events();
    String transaction = "@" + Instant.parse("2026-03-02T09:45:08.015Z").toEpochMilli() + "/sales@example.com";
    assertThat(events).extracting(e -> e.getClass().getSimpleName(), e -> e.header().localId())
        .containsExactly(tuple("Linked", transaction), tuple("Queued", transaction),
            tuple("DeliveryAttempt", transaction));
  }

  @Test
  void theRecordBeingJoinedOrHeldIsPendingUntilFlushed() {
    XeamsLineParser parser = new XeamsLineParser(new ParseContext("SMTPOutboundConversation.log", ZoneOffset.UTC,
        REFERENCE, null));
    CollectingSink sink = new CollectingSink();
    SourceLine marker = new SourceLine("f", 1, 0,
        "2026-03-02 09:15:04,211 - [   7100001] ************ New (secure) connection to: 198.51.100.25");
    parser.parse(marker, sink);
    assertThat(parser.pendingRecord()).as("being joined").isEqualTo(marker);
    parser.parse(new SourceLine("f", 2, 90, "2026-03-02 09:15:04,390 - [   7100001] S <-- EHLO mail.example.com"),
        sink);
    assertThat(sink.events()).as("held until a recipient names the transaction").isEmpty();
    assertThat(parser.pendingRecord()).isEqualTo(marker);
    parser.flush(sink);
    assertThat(parser.pendingRecord()).isNull();
    assertThat(sink.events()).hasSize(2);
  }

  @Test
  void theHostIsTheSourcesLabelElseTheLogsFolderElseXeams() {
    assertThat(XeamsLineParser.hostLabel(context("/srv/x/logs/SmtpQueue.log", "mx2"))).isEqualTo("mx2");
    assertThat(XeamsLineParser.hostLabel(context("/srv/nodes/Node 1/logs/SmtpQueue.log", null)))
        .isEqualTo("node-1");
    assertThat(XeamsLineParser.hostLabel(context("/opt/Xeams/logs/SmtpQueue.log", null))).isEqualTo("xeams");
    assertThat(XeamsLineParser.hostLabel(context("/logs/SmtpQueue.log", null))).isEqualTo("xeams");
    assertThat(XeamsLineParser.hostLabel(context("SmtpQueue.log", null))).isEqualTo("xeams");
  }

  /** Issue 26, case 15: an audit line carries the sender; the first line of a transaction tells it, once. */
  @Test
  void theFirstAuditLineOfATransactionTellsItsSender() {
    List<LogEvent> events = parse("OutboundAuditTrailFailure.log", List.of(
        "2026-03-02 10:02:30,375 - [  10975012] 198.51.100.40,olga@example.net,orders@example.com,6120,[Failure"
            + " reason: No Server Listening on Port 25],Subject: Your order 5512",
        "2026-03-02 10:02:30,380 - [  10975012] 198.51.100.40,piet@example.net,orders@example.com,6120,[Failure"
            + " reason: No Server Listening on Port 25],Subject: Your order 5512"), ZoneOffset.UTC, null).events();
    assertThat(events).filteredOn(Queued.class::isInstance).map(Queued.class::cast)
        .extracting(Queued::sender, Queued::size, q -> q.header().localId(), q -> q.header().source().lineNumber())
        .containsExactly(tuple("orders@example.com", -1L, "10975012", 1L));
  }

  /** Issue 26, case 16: an inbound conversation under a name Xeams does not use is no outbound conversation. */
  @Test
  void anInboundConversationUnderAnotherNameIsToldByItsContentAndSkipped() {
    CollectingSink sink = parse("/var/tmp/conversation-inbound.log", List.of(
        "2026-03-02 11:00:01,101 - [  10976001] ************ New connection from: 203.0.113.61",
        "2026-03-02 11:00:01,102 - [  10976001] C --> EHLO client.example.org",
        "2026-03-02 11:00:01,103 - [  10976001] S <-- 250 mail.example.com Hello",
        "2026-03-02 11:00:01,104 - [  10976001] C --> MAIL FROM:<ann@example.org>",
        "2026-03-02 11:00:01,105 - [  10976001] C --> RCPT TO:<bob@example.net>",
        "2026-03-02 11:00:01,106 - [  10976001] S <-- 250 2.1.5 Ok"), ZoneOffset.UTC, null);
    assertThat(sink.events()).isEmpty();
    assertThat(sink.skipped()).hasSize(6);
  }

  /** Issue 26, case 16: an outbound transaction that names no recipient tells no sender, so it makes no message. */
  @Test
  void aMailFromWithoutRecipientIsALineOfTheConnectionUntilARecipientComes() {
    XeamsLineParser parser = new XeamsLineParser(context("SMTPOutboundConversation.log", null));
    CollectingSink sink = new CollectingSink();
    List<String> lines = List.of(
        "2026-03-02 11:11:00,010 - [  10976102] ************ New connection to: 198.51.100.61",
        "2026-03-02 11:11:00,091 - [  10976102] S <-- MAIL FROM:<billing@example.com>",
        "2026-03-02 11:11:00,120 - [  10976102] C --> 250 2.1.0 Ok",
        "2026-03-02 11:11:00,121 - [  10976102] S <-- RCPT TO:<quinn@example.net>");
    for (int i = 0; i < lines.size(); i++) {
      parser.parse(new SourceLine("f", i + 1, i * 100L, lines.get(i)), sink);
      if (i == 2) {
        parser.flush(sink); // the tailer waits: the file so far names no recipient
        assertThat(sink.events()).noneMatch(Queued.class::isInstance).filteredOn(Observation.class::isInstance)
            .map(Observation.class::cast).extracting(Observation::what).contains("MAIL FROM:<billing@example.com>");
      }
    }
    parser.flush(sink);
    assertThat(sink.events()).filteredOn(Queued.class::isInstance).map(Queued.class::cast)
        .extracting(Queued::sender, q -> q.header().source().lineNumber())
        .as("the recipient came after all: MAIL FROM tells the sender")
        .containsExactly(tuple("billing@example.com", 2L));
  }

  /** Issue 26, case 17: the lines of a recipient name the server the connection went to. */
  @Test
  void aRecipientsLinesNameTheServerTheConnectionWentTo() {
    List<LogEvent> events = parse("SMTPOutboundConversation.log", List.of(
        "2026-03-02 12:00:00,056 - [  10977001] ************ New (secure) connection to: 198.51.100.171",
        "2026-03-02 12:00:00,171 - [  10977001] S <-- MAIL FROM:<support@example.com>",
        "2026-03-02 12:00:00,194 - [  10977001] C --> 250 2.1.0 OK",
        "2026-03-02 12:00:00,194 - [  10977001] S <-- RCPT TO:<paul@example.net>",
        "2026-03-02 12:00:00,325 - [  10977001] C --> 250 2.1.5 OK"), ZoneOffset.UTC, null).events();
    assertThat(events).filteredOn(Observation.class::isInstance).map(Observation.class::cast)
        .filteredOn(o -> o.recipient() != null)
        .extracting(Observation::what, o -> String.valueOf(o.relay()))
        .containsExactly(tuple("RCPT TO:<paul@example.net>", "198.51.100.171"),
            tuple("250 2.1.5 OK", "198.51.100.171"));
  }

  private static ParseContext context(String file, String hostLabel) {
    return new ParseContext(file, ZoneOffset.UTC, REFERENCE, hostLabel);
  }

  @Test
  void authExchangesAreMaskedWhileTheirVerbsRepliesAndDeliveriesStay() {
    List<LogEvent> events = events("auth-exchanges.log", "SMTPOutboundConversation.log");
    List<String> strings = EventStrings.of(events);
    for (String secret : XeamsFormatTest.SECRETS) {
      assertThat(strings).as("no event carries %s", secret).noneMatch(text -> text.contains(secret));
    }
    assertThat(only(events, DeliveryAttempt.class)).extracting(DeliveryAttempt::recipient, DeliveryAttempt::status)
        .containsExactlyInAnyOrder(tuple("alice@example.net", DeliveryStatus.SENT),
            tuple("carol@example.org", DeliveryStatus.SENT), tuple("erin@example.org", DeliveryStatus.SENT));
    assertThat(events).noneMatch(Unparsed.class::isInstance);
    List<Observation> observations = only(events, Observation.class);
    assertThat(observations).extracting(Observation::what).contains("AUTH LOGIN", "334 VXNlcm5hbWU6",
        "[credentials masked]", "334 UGFzc3dvcmQ6", "235 2.7.0 Authentication successful",
        "AUTH PLAIN [credentials masked]", "AUTH CRAM-MD5", "*", "501 5.7.0 Authentication aborted", "AUTH PLAIN",
        "AUTH XOAUTH2 [credentials masked]", "535 5.7.8 Username and Password not accepted");
    // the masked line keeps its position, time, LCID and direction: only the text after the arrow changed
    assertThat(observations).filteredOn(o -> o.header().source().lineNumber() == 8).singleElement()
        .satisfies(o -> {
          assertThat(o.header().source().text())
              .isEqualTo("2026-03-02 12:00:00,291 - [   7100501] S <-- [credentials masked]");
          assertThat(o.header().localId()).isEqualTo("7100501");
          assertThat(o.header().time()).isEqualTo(Instant.parse("2026-03-02T12:00:00.291Z"));
        });
    assertThat(observations).filteredOn(o -> o.header().source().lineNumber() == 16).singleElement()
        .satisfies(o -> assertThat(o.header().source().text())
            .isEqualTo("2026-03-02 12:00:00,431 - [   7100502] S <-- AUTH PLAIN [credentials masked]"));
    assertThat(observations).as("what follows the exchanges is not masked").extracting(Observation::what)
        .contains("RCPT TO:<alice@example.net>", "RCPT TO:<carol@example.org>", "QUIT");
    assertThat(only(events, Queued.class)).extracting(Queued::sender)
        .containsExactly("sales@example.com", "hr@example.com", "it@example.com");
  }

  @Test
  void anInboundConversationWithTheClientAsCArrowIsMaskedToo() {
    // SMTPConversation.log itself is skipped, and so is a renamed copy, told inbound by its lines (issue 26, case 16)
    List<String> inbound = Fixtures.lines("/xeams/inbound-auth.log");
    CollectingSink renamed = parse("/opt/Xeams/logs/conversation-inbound.log", inbound, ZoneOffset.UTC, null);
    assertThat(renamed.events()).isEmpty();
    assertThat(renamed.skipped()).hasSize(inbound.size());
    // under the outbound log's own name it is read as a dialogue: the client's lines are masked whatever their arrow
    List<LogEvent> events = events("inbound-auth.log", "SMTPOutboundConversation.log");
    List<String> strings = EventStrings.of(events);
    for (String secret : XeamsFormatTest.SECRETS) {
      assertThat(strings).as("no event carries %s", secret).noneMatch(text -> text.contains(secret));
    }
    assertThat(only(events, Observation.class)).extracting(o -> o.header().source().text().substring(39))
        .contains("C --> AUTH LOGIN", "S <-- 334 VXNlcm5hbWU6", "C --> [credentials masked]",
            "S <-- 235 2.7.0 Authentication successful", "C --> RCPT TO:<frank@example.net>");
  }

  @Test
  void passwordFieldsAreMaskedInEveryLogAndInLinesThatFitNoRecord() {
    CollectingSink sink = parse("/opt/Xeams/logs/OutboundAuditTrailFailure.log", List.of(
        "smtp relay password=0rphanSecret",
        "2026-03-02 09:15:04,625 - [   7100001] relay.example.net,bob@example.net,sales@example.com,18342,[Failure"
            + " reason: Unable to send email to the server. 535 5.7.8 login for user=relay pass=Rea5onSecret failed",
        "],Subject: Q1 invoice 4471, final"), ZoneOffset.UTC, null);
    assertThat(EventStrings.of(sink.events()))
        .noneMatch(text -> text.contains("0rphanSecret") || text.contains("Rea5onSecret"))
        .anyMatch(text -> text.equals("smtp relay password=[credentials masked]"))
        .anyMatch(text -> text.contains("user=relay pass=[credentials masked] failed\n],Subject: Q1 invoice"));
    assertThat(only(sink.events(), DeliveryAttempt.class)).singleElement()
        .satisfies(a -> assertThat(a.recipient()).isEqualTo("bob@example.net"));
  }
}
