package org.smtptrail.format.axigen;

import static org.smtptrail.format.axigen.ParsedFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.MessageIdentified;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Received;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.testkit.CollectingSink;
import org.smtptrail.testkit.EventStrings;
import org.smtptrail.testkit.Fixtures;
import org.smtptrail.testkit.FuzzedLog;

class AxigenLineParserTest {
  private static List<LogEvent> events(String fixture) {
    return parse(fixture).events();
  }

  private static List<DeliveryAttempt> attempts(List<LogEvent> events) {
    return events.stream().filter(DeliveryAttempt.class::isInstance).map(DeliveryAttempt.class::cast).toList();
  }

  /** The local ids each service's events were filed under. */
  private static Map<String, List<String>> localIdsByService(List<LogEvent> events) {
    return events.stream().collect(Collectors.groupingBy(e -> String.valueOf(e.header().program()),
        Collectors.mapping(e -> String.valueOf(e.header().localId()), Collectors.collectingAndThen(
            Collectors.toCollection(java.util.TreeSet::new), List::copyOf))));
  }

  @Test
  void relayedMessageIsOneQueueIdAcrossSmtpInProcessingAndSmtpOut() {
    List<LogEvent> events = events("/axigen/relayed-accepted.log");
    assertThat(localIdsByService(events)).containsOnly(
        Map.entry("SMTP-IN", List.of("003F1001")),
        Map.entry("PROCESSING", List.of("003F1001")),
        Map.entry("SMTP-OUT", List.of("003F1001")));
    assertThat(attempts(events)).singleElement().satisfies(sent -> {
      assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
      assertThat(sent.local()).isFalse();
      assertThat(sent.recipient()).isEqualTo("erin@example.org");
      assertThat(sent.relay()).hasToString("mx.example.org[198.51.100.25]:25");
      assertThat(sent.reply().code()).isEqualTo(250);
      assertThat(sent.reply().enhancedStatus()).isEqualTo("2.0.0");
      assertThat(sent.reply().text()).isEqualTo("250 2.0.0 Ok: queued as 4ZkQ3Lq1xY");
      assertThat(sent.header().time()).isEqualTo(Instant.parse("2026-11-21T08:14:05Z"));
      assertThat(sent.header().host()).isEqualTo("mx1");
      assertThat(sent.header().format()).isEqualTo("axigen");
    });
  }

  @Test
  void newMailLineGivesClientMessageIdAndEnvelope() {
    List<LogEvent> events = events("/axigen/relayed-accepted.log");
    assertThat(events).filteredOn(Received.class::isInstance).singleElement()
        .isInstanceOfSatisfying(Received.class, r -> assertThat(r.client()).isEqualTo(
            "alice-pc.example.com[203.0.113.45]"));
    assertThat(events).filteredOn(MessageIdentified.class::isInstance).singleElement()
        .isInstanceOfSatisfying(MessageIdentified.class, m -> assertThat(m.messageId())
            .isEqualTo("<5f1c9a7e.20261121091402@alice-pc.example.com>"));
    assertThat(events).filteredOn(Queued.class::isInstance).singleElement()
        .isInstanceOfSatisfying(Queued.class, q -> {
          assertThat(q.sender()).isEqualTo("alice@example.com");
          assertThat(q.size()).isEqualTo(5120);
          assertThat(q.recipientCount()).isEqualTo(1);
        });
  }

  @Test
  void smtpInLinesWaitForTheirQueueIdAndKeepTheirOrder() {
    List<LogEvent> events = events("/axigen/relayed-accepted.log");
    List<LogEvent> smtpIn = events.stream().filter(e -> "SMTP-IN".equals(e.header().program())).toList();
    assertThat(smtpIn).extracting(e -> e.header().source().lineNumber()).isSorted();
    assertThat(smtpIn).extracting(e -> e.getClass().getSimpleName()).containsExactly(
        "Observation", "Observation", "Observation", "Observation", "Received", "MessageIdentified", "Queued",
        "Observation", "Observation");
    assertThat(smtpIn).filteredOn(Observation.class::isInstance).map(Observation.class::cast)
        .extracting(Observation::recipient, Observation::what).containsExactly(
            tuple(null, "[192.0.2.10:25] connection accepted from [203.0.113.45:51544]"),
            tuple(null, "<< MAIL FROM:<alice@example.com>"),
            tuple("erin@example.org", "<< RCPT TO:<erin@example.org>"),
            tuple("erin@example.org", ">> 250 Recipient accepted"),
            tuple("erin@example.org", "recipients=1 (erin@example.org)"),
            tuple(null, ">> 250 Mail queued for delivery"));
  }

  @Test
  void atTheDefaultLevelTheStateLineDecidesAndTheConnectionNamesTheRelay() {
    // the same message without the level-16 lines: "state to SENT" ends the attempt, the SMTP-OUT connection line
    // before it names where it went, and the row says that no SMTP reply was logged
    AxigenLineParser parser =
        new AxigenLineParser(new ParseContext("l15.log", ZoneOffset.UTC, ParsedFixture.REFERENCE, null));
    CollectingSink sink = new CollectingSink();
    List<String> lines = Fixtures.lines("/axigen/relayed-accepted.log");
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).contains(" +0100 16 ")) {
        parser.parse(new SourceLine("l15.log", i + 1, i * 200L, lines.get(i)), sink);
      }
    }
    parser.flush(sink);
    assertThat(sink.events()).noneMatch(Unparsed.class::isInstance);
    assertThat(attempts(sink.events())).singleElement().satisfies(sent -> {
      assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
      assertThat(sent.local()).isFalse();
      assertThat(sent.reply()).isNull();
      assertThat(sent.relay()).hasToString("[198.51.100.25]:25");
      assertThat(sent.detail()).isEqualTo("state SENT after SMTP-OUT connection to [198.51.100.25]:25 (no SMTP reply"
          + " logged at this log level)");
      assertThat(sent.header().source().text()).contains("PROCESSING:003F1001: Set recipient <erin@example.org>"
          + " state to SENT");
    });
    assertThat(sink.events()).filteredOn(Observation.class::isInstance).map(Observation.class::cast)
        .extracting(Observation::recipient, Observation::what).contains(
            tuple("erin@example.org", "[192.0.2.10:40112] connected to [198.51.100.25:25]"));
    assertThat(sink.events()).extracting(e -> e.header().localId()).containsOnly("003F1001");
  }

  @Test
  void atTheProtocolLevelTheStateLineIsEvidenceOfTheConversationsAttempt() {
    List<LogEvent> events = events("/axigen/relayed-accepted.log");
    assertThat(attempts(events)).singleElement()
        .satisfies(sent -> assertThat(sent.header().program()).isEqualTo("SMTP-OUT"));
    assertThat(events).filteredOn(Observation.class::isInstance).map(Observation.class::cast)
        .extracting(Observation::recipient, Observation::what).contains(tuple("erin@example.org", "state SENT"));
  }

  @Test
  void deferralThenAcceptanceAreTwoAttemptsOfTheSameMessage() {
    List<LogEvent> events = events("/axigen/deferred-then-sent.log");
    assertThat(attempts(events)).extracting(DeliveryAttempt::status, a -> a.reply().code(),
        a -> a.header().localId()).containsExactly(
            tuple(DeliveryStatus.DEFERRED, 451, "003F1004"),
            tuple(DeliveryStatus.SENT, 250, "003F1004"));
  }

  @Test
  void permanentFailureBouncesAndTheReportIsLinkedToIt() {
    List<LogEvent> events = events("/axigen/bounced-with-report.log");
    assertThat(attempts(events)).extracting(DeliveryAttempt::recipient, DeliveryAttempt::status,
        a -> a.header().localId(), DeliveryAttempt::local).containsExactly(
            tuple("nobody@example.org", DeliveryStatus.BOUNCED, "003F1002", false),
            tuple("carol@example.com", DeliveryStatus.SENT, "003F1003", true));
    ParsedFixture.assertTheReportIsLinkedToTheFailure(events);
  }

  @Test
  void localDeliveryAtTheDefaultLevelNeedsNoProtocolLines() {
    List<LogEvent> events = events("/axigen/local-default-level.log");
    assertThat(attempts(events)).singleElement().satisfies(local -> {
      assertThat(local.status()).isEqualTo(DeliveryStatus.SENT);
      assertThat(local.local()).isTrue();
      assertThat(local.relay()).hasToString("mailbox:INBOX");
      assertThat(local.reply()).isNull();
      assertThat(local.detail()).isEqualTo("delivered to mailbox 'INBOX'");
    });
    assertThat(events).extracting(e -> e.header().localId()).containsOnly("003F1005");
    assertThat(events).filteredOn(Received.class::isInstance).singleElement()
        .isInstanceOfSatisfying(Received.class, r -> assertThat(r.client())
            .isEqualTo("mail.example.net[198.51.100.7]"));
  }

  @Test
  void twoMessagesOfOneSessionStaySeparate() {
    List<LogEvent> events = events("/axigen/two-messages-one-session.log");
    assertThat(attempts(events)).extracting(DeliveryAttempt::recipient, a -> a.header().localId())
        .containsExactly(tuple("nina@example.com", "003F1006"), tuple("oscar@example.com", "003F1007"));
    assertThat(events).filteredOn(Observation.class::isInstance).map(Observation.class::cast)
        .filteredOn(o -> o.what().startsWith("<< RCPT TO:"))
        .extracting(Observation::recipient, o -> o.header().localId())
        .containsExactly(tuple("nina@example.com", "003F1006"), tuple("oscar@example.com", "003F1007"));
    assertThat(events).filteredOn(Observation.class::isInstance).map(Observation.class::cast)
        .filteredOn(o -> o.what().contains("connection accepted"))
        .extracting(o -> o.header().localId())
        .as("the session's connect line is evidence of both messages").containsExactly("003F1006", "003F1007");
  }

  @Test
  void refusalAtSmtpInIsRejectedUnderTheSession() {
    List<LogEvent> events = events("/axigen/smtp-in-greylisted.log");
    assertThat(events).filteredOn(Rejected.class::isInstance).singleElement()
        .isInstanceOfSatisfying(Rejected.class, rejected -> {
          assertThat(rejected.recipient()).isEqualTo("dave@example.com");
          assertThat(rejected.sender()).isEqualTo("promo@example.net");
          assertThat(rejected.client()).isEqualTo("relay.example.net[203.0.113.99]");
          assertThat(rejected.stage()).isEqualTo("RCPT");
          assertThat(rejected.reply().code()).isEqualTo(451);
          assertThat(rejected.reply().text()).isEqualTo("451 Temporary rejected by greylisting");
        });
    assertThat(events).extracting(e -> e.header().localId()).containsOnly("SMTP-IN-0000A40D");
  }

  @Test
  void multiRecipientMessageGetsEachOutcomeFromItsOwnReply() {
    List<LogEvent> events = events("/axigen/multi-recipient-mixed.log");
    assertThat(attempts(events)).extracting(DeliveryAttempt::recipient, DeliveryAttempt::status,
        a -> a.reply() == null ? null : a.reply().code()).containsExactly(
            tuple("henry@example.com", DeliveryStatus.SENT, null),
            tuple("ivan@example.net", DeliveryStatus.SENT, 250),
            tuple("judy@example.org", DeliveryStatus.BOUNCED, 552),
            tuple("kate@example.org", DeliveryStatus.SENT, 250),
            tuple("leo@lists.example.net", DeliveryStatus.DEFERRED, 450),
            tuple("grace@example.com", DeliveryStatus.SENT, null),
            tuple("leo@lists.example.net", DeliveryStatus.DEFERRED, 450),
            tuple("leo@lists.example.net", DeliveryStatus.DEFERRED, 450));
    assertThat(attempts(events)).filteredOn(a -> !a.recipient().equals("grace@example.com"))
        .extracting(a -> a.header().localId()).containsOnly("003F1008");
  }

  @Test
  void pipelinedRepliesAreMatchedToTheirCommandsAndMultiLineRepliesAreJoined() {
    DeliveryAttempt judy = attempts(events("/axigen/multi-recipient-mixed.log")).stream()
        .filter(a -> a.recipient().equals("judy@example.org")).findFirst().orElseThrow();
    assertThat(judy.reply().enhancedStatus()).isEqualTo("5.2.2");
    assertThat(judy.reply().text()).isEqualTo("552-5.2.2 The email account that you tried to reach is over quota."
        + " 552 5.2.2 Please direct the recipient to https://support.example.org/quota");
  }

  @Test
  void smtpOutSessionLinesAreEvidenceOfItsOwnRecipientsOnly() {
    List<Observation> connects = events("/axigen/multi-recipient-mixed.log").stream()
        .filter(Observation.class::isInstance).map(Observation.class::cast)
        .filter(o -> "SMTP-OUT".equals(o.header().program()) && o.what().contains("connected to")).toList();
    assertThat(connects).extracting(Observation::recipient).containsExactly("ivan@example.net", "judy@example.org",
        "kate@example.org", "leo@lists.example.net", "leo@lists.example.net", "leo@lists.example.net");
  }

  @Test
  void smtpOutIsTiedByTheFollowingStateLineBySenderOrElseFiledUnderItsSession() {
    List<LogEvent> events = events("/axigen/smtp-out-ties.log");
    assertThat(attempts(events)).extracting(DeliveryAttempt::recipient, DeliveryAttempt::status,
        a -> a.header().localId()).containsExactly(
            tuple("erin@example.org", DeliveryStatus.SENT, "00ABC001"),
            tuple("gina@example.org", DeliveryStatus.SENT, "00ABC011"),
            tuple("hank@example.net", DeliveryStatus.DEFERRED, "00ABC021"),
            tuple("frank@example.net", DeliveryStatus.BOUNCED, "SMTP-OUT-0000C002"));
  }

  @Test
  void directionMarkersAndCommandSpellingsDoNotMatter() {
    List<DeliveryAttempt> attempts = attempts(events("/axigen/variant-smtp-out-markers.log"));
    assertThat(attempts).extracting(DeliveryAttempt::recipient, DeliveryAttempt::status, a -> a.reply().code(),
        a -> a.header().localId()).containsExactly(
            tuple("fay@example.org", DeliveryStatus.DEFERRED, 452, "0000F001"),
            tuple("ed@example.org", DeliveryStatus.SENT, 250, "0000F001"));
    assertThat(attempts.get(1).relay()).hasToString("mx.example.org[198.51.100.25]:25");
    assertThat(attempts.get(1).reply().text()).startsWith("250-2.0.0 Ok: queued as 1AbC2dE3fG");
  }

  @Test
  void prefixVariantsAndSyslogPrefixesAreRead() {
    List<LogEvent> events = events("/axigen/variant-prefixes.log");
    assertThat(events).noneMatch(Unparsed.class::isInstance);
    assertThat(events).filteredOn(Observation.class::isInstance).map(Observation.class::cast)
        .extracting(Observation::recipient, Observation::what, o -> o.header().localId(), o -> o.header().host())
        .contains(
            tuple("ann@example.com", "state RECEIVED", "0000D0AA", "mx1"),
            tuple("ann@example.com", "state PROCESSED - LOCAL", "0000D0AA", "mx1"),
            tuple("ben@example.com", "state PROCESSED-LOCAL", "0000D0AB", "mx2"),
            tuple("cat@example.com", "state PROCESSED - REMOTE", "0000D0AC", "mx3"),
            tuple("dan@example.com", "state SOMETHING NEW", "0000D0AE", "mx1"));
    assertThat(attempts(events)).singleElement().satisfies(spam -> {
      assertThat(spam.relay()).hasToString("mailbox:Spam");
      assertThat(spam.header().host()).as("the native host wins over the syslog host").isEqualTo("mx1");
    });
    assertThat(events).filteredOn(e -> "dan@example.com".equals(e.recipient())).singleElement()
        .satisfies(e -> assertThat(e.header().time()).isEqualTo(Instant.parse("2026-11-22T16:30:04Z")));
  }

  @Test
  void unknownLinesBecomeUnparsedAndOtherModulesAreSkipped() {
    CollectingSink sink = parse("/axigen/unknown-lines.log");
    assertThat(sink.events()).allMatch(Unparsed.class::isInstance);
    assertThat(sink.events()).extracting(e -> e.header().source().lineNumber(), e -> e.header().localId())
        .containsExactlyInAnyOrder(
            tuple(1L, null), tuple(2L, null), tuple(3L, null), tuple(4L, "00E0E001"), tuple(5L, null),
            tuple(6L, null), tuple(7L, null), tuple(8L, "00E0E002"), tuple(9L, null),
            tuple(14L, null)); // waited in a transaction that never had a recipient: still reported
    assertThat(sink.events()).filteredOn(e -> e.header().source().lineNumber() == 3).singleElement()
        .isInstanceOfSatisfying(Unparsed.class, u -> assertThat(u.expected()).isEqualTo("a valid timestamp"));
    assertThat(sink.events()).filteredOn(e -> e.header().source().lineNumber() == 9).singleElement()
        .satisfies(u -> assertThat(u.header().host()).isEqualTo("mx2"));
    assertThat(sink.skipped()).extracting(SourceLine::lineNumber).containsExactlyInAnyOrder(10L, 11L, 12L, 13L, 15L);
  }

  private static CollectingSink parseLines(String... lines) {
    AxigenLineParser parser =
        new AxigenLineParser(new ParseContext("excerpt.log", ZoneOffset.UTC, ParsedFixture.REFERENCE, null));
    CollectingSink sink = new CollectingSink();
    for (int i = 0; i < lines.length; i++) {
      parser.parse(new SourceLine("excerpt.log", i + 1, i * 300L, lines[i]), sink);
    }
    parser.flush(sink);
    return sink;
  }

  /** Issue 26, case 12: PROCESSING housekeeping is counted as lines without delivery facts, not as unparsed. */
  @Test
  void processingLinesOfUnlistedShapesAreNoFactsUnlessTheyLookLikeOne() {
    String at = "2026-11-20 09:14:02 +0100 08 mx1 PROCESSING:003A11C4: ";
    CollectingSink sink = parseLines(
        at + "dana@example.org: Conversation index update request",
        at + "dana@example.org: Conversation index queuing job delay 5",
        at + "Start processing the message",
        at + "Set recipient <dana@example.org> priority to 3",
        at + "Delivery of <dana@example.org> postponed until 09:19:02",
        at + "Message for <dana@example.org> moved to Quarantine",
        at + "dana@example.org: 552 over quota",
        at + "dana@example.org: remote said 4.2.2 over quota",
        at + "dana@example.org: Conversation index update FAILED",
        at + "dana@example.org: Conversation index job PRESENTED to worker");
    assertThat(sink.skipped()).extracting(SourceLine::lineNumber).containsExactly(1L, 2L, 3L, 10L);
    assertThat(sink.events()).allMatch(Unparsed.class::isInstance)
        .extracting(e -> e.header().source().lineNumber()).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
  }

  /** Issue 26, case 13: the list of "New mail ... recipients=N (...)" names the recipients on a filtered excerpt. */
  @Test
  void theNewMailLineNamesItsRecipients() {
    CollectingSink sink = parseLines("2026-11-20 09:14:02 +0100 08 mx1 SMTP-IN:0000002A: New mail"
        + " <20261120081401.77@example.com> received from mail.example.com (192.0.2.44) with envelope from"
        + " <news@example.com>, recipients=2 (dana@example.org, eli@example.org), size=3310, enqueued with id 3A11C4");
    assertThat(sink.events()).filteredOn(Observation.class::isInstance).map(Observation.class::cast)
        .extracting(Observation::recipient, Observation::what, o -> o.header().localId()).containsExactly(
            tuple("dana@example.org", "recipients=2 (dana@example.org, eli@example.org)", "003A11C4"),
            tuple("eli@example.org", "recipients=2 (dana@example.org, eli@example.org)", "003A11C4"));
  }

  /** Issue 26, case 14: the address of the SPF line is what SPF checked, never the envelope sender. */
  @Test
  void theSpfLineNeverGivesTheSender() {
    String spf = "2026-11-20 09:14:02 +0100 08 mx1 SMTP-IN:0000002A: SPF result for MAIL FROM"
        + " <bounce@example.com@example.net> issued from EHLO domain <mail.example.com> connected from <192.0.2.44>:"
        + " Pass (spfHeader = 'pass' spfExplanation = 'null')";
    CollectingSink alone = parseLines(spf,
        "2026-11-20 09:14:02 +0100 08 mx1 PROCESSING:003A11C4: Set recipient <dana@example.org> state to SENT");
    assertThat(alone.skipped()).extracting(SourceLine::lineNumber).containsExactly(1L);
    assertThat(alone.events()).noneMatch(Queued.class::isInstance)
        .allSatisfy(e -> assertThat(e.header().source().text()).doesNotContain("SPF"));
    CollectingSink withNewMail = parseLines(spf, "2026-11-20 09:14:02 +0100 08 mx1 SMTP-IN:0000002A: New mail"
        + " <20261120081401.77@example.com> received from mail.example.com (192.0.2.44) with envelope from"
        + " <news@example.com>, recipients=1 (dana@example.org), size=3310, enqueued with id 3A11C4");
    assertThat(withNewMail.events()).filteredOn(Queued.class::isInstance).singleElement()
        .isInstanceOfSatisfying(Queued.class, q -> assertThat(q.sender()).isEqualTo("news@example.com"));
  }

  @Test
  void noiseOfOtherModulesAndFailedLoginsIsSkippedNotReported() {
    CollectingSink sink = parse("/axigen/other-modules-noise.log");
    assertThat(sink.events()).isEmpty();
    assertThat(sink.skipped()).hasSize(Fixtures.lines("/axigen/other-modules-noise.log").size());
  }

  @Test
  void syslogFilesGiveTheSameVerdictFacts() {
    List<LogEvent> classic = events("/axigen/syslog-classic.log");
    assertThat(attempts(classic)).extracting(DeliveryAttempt::recipient, DeliveryAttempt::status)
        .containsExactly(
            tuple("tom@example.com", DeliveryStatus.SENT),
            tuple("wendy@example.net", DeliveryStatus.SENT),
            tuple("xavier@example.org", DeliveryStatus.BOUNCED),
            tuple("victor@example.com", DeliveryStatus.SENT));
    assertThat(classic).allSatisfy(e -> assertThat(e.header().host()).isEqualTo("mx2"));
    assertThat(attempts(classic).get(0).header().time()).as("classic syslog: the file's zone and year")
        .isEqualTo(Instant.parse("2026-11-22T09:00:01Z"));
    List<LogEvent> rfc3339 = events("/axigen/syslog-rfc3339-with-level.log");
    assertThat(attempts(rfc3339)).extracting(DeliveryAttempt::recipient, DeliveryAttempt::status,
        a -> a.header().time()).containsExactly(
            tuple("zack@example.org", DeliveryStatus.SENT, Instant.parse("2026-11-22T11:01:03.104117Z")),
            tuple("amy@slow.example.net", DeliveryStatus.DEFERRED, Instant.parse("2026-11-22T11:02:04.080360Z")));
  }

  @Test
  void aSessionCutByTheEndOfTheFileIsFlushedUnderItsSessionId() {
    AxigenLineParser parser =
        new AxigenLineParser(new ParseContext("cut.log", ZoneOffset.UTC, ParsedFixture.REFERENCE, null));
    CollectingSink sink = new CollectingSink();
    List<String> lines = Fixtures.lines("/axigen/relayed-accepted.log").subList(0, 12); // up to the reply to RCPT TO
    for (int i = 0; i < lines.size(); i++) {
      parser.parse(new SourceLine("cut.log", i + 1, i * 200L, lines.get(i)), sink);
    }
    assertThat(sink.events()).as("nothing is filed before the queue id or the end").isEmpty();
    parser.flush(sink);
    assertThat(sink.events()).isNotEmpty().extracting(e -> e.header().localId()).containsOnly("SMTP-IN-0000A403");
  }
  /**
   * Found by AxigenParserFuzzTest: an SMTP-OUT transaction that never named a recipient (its RCPT TO logged under
   * another session id, or cut off) was dropped with its MAIL FROM line uncounted, and its session's connect line
   * was taken as used. Now both are counted as skipped.
   */
  @Test
  void aTransactionWithoutRecipientStillCountsItsLines() {
    String prefix = "2026-11-22 11:35:08 +0100 16 mx1 SMTP-OUT:0000A413: ";
    byte[] log = String.join("\n",
        prefix + "[192.0.2.10:40388] connected to [198.51.100.25:25]",
        prefix + ">> MAIL FROM:<grace@example.com>",
        prefix + "<< 250 2.1.0 Ok",
        prefix + ">> QUIT",
        "2026-11-22 11:35:08 +0100 16 mx1 SMTP-OUT:0000I413: >> RCPT TO:<leo@lists.example.net>").getBytes(
            StandardCharsets.UTF_8);
    FuzzedLog.of("/var/log/axigen/everything.txt", log)
        .assertEveryLineAccountedFor(new AxigenFormat());
  }

  /**
   * Found by AxigenParserFuzzTest: a continued reply to DATA when no recipient was accepted, and a banner logged
   * after a transaction began (an id reused without its connect line) were neither events nor skipped lines.
   */
  @Test
  void repliesAboutNoOneAndALateBannerAreCounted() {
    String prefix = "2026-11-22 11:35:08 +0100 16 mx1 SMTP-OUT:0000A413: ";
    byte[] log = String.join("\n",
        prefix + "[192.0.2.10:40388] connected to [198.51.100.25:25]",
        prefix + ">> MAIL FROM:<grace@example.com>",
        prefix + "<< 250 2.1.0 Ok",
        prefix + ">> RCPT TO:<leo@lists.example.net>",
        prefix + "<< 550 5.1.1 <leo@lists.example.net>: unknown",
        prefix + ">> DATA",
        prefix + "<< 554-5.5.1 no valid recipients",
        prefix + "<< 554 5.5.1 Error",
        prefix + "<< 220 mx.example.org ESMTP Postfix",
        prefix + ">> QUIT").getBytes(StandardCharsets.UTF_8);
    FuzzedLog.of("/var/log/axigen/everything.txt", log).assertEveryLineAccountedFor(new AxigenFormat());
  }

  @Test
  void authExchangesAtTheProtocolLevelAreMaskedAndTheMessageStillFollowed() {
    CollectingSink sink = parse("/axigen/auth-exchanges.log");
    List<LogEvent> events = sink.events();
    assertThat(attempts(events)).singleElement().satisfies(sent -> {
      assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
      assertThat(sent.recipient()).isEqualTo("erin@example.org");
      assertThat(sent.relay()).hasToString("[198.51.100.25]:587");
    });
    assertThat(events).filteredOn(Received.class::isInstance).hasSize(1);
    List<String> strings = EventStrings.of(events);
    for (String secret : AxigenFormatTest.SECRETS) {
      assertThat(strings).as("no event carries %s", secret).noneMatch(text -> text.contains(secret));
    }
    // the lines it skips (not stored) go through the same masking: what a parser hands on never shows a secret
    List<String> skipped = sink.skipped().stream().map(SourceLine::text).toList();
    assertThat(skipped).noneMatch(text -> AxigenFormatTest.SECRETS.stream().anyMatch(text::contains))
        .contains("2026-03-10 10:02:11 +0200 16 mx1 SMTP-IN:0000A431: << AUTH LOGIN",
            "2026-03-10 10:02:11 +0200 16 mx1 SMTP-IN:0000A431: << [credentials masked]",
            "2026-03-10 10:02:11 +0200 16 mx1 SMTP-IN:0000A431: >> 334 UGFzc3dvcmQ6",
            "2026-03-10 10:02:14 +0200 16 mx1 SMTP-OUT:0000A433: >> AUTH PLAIN [credentials masked]",
            "2026-03-10 10:02:13 +0200 02 mx1 SMTP-IN:0000A432: Authentication error for user"
                + " 'mallory@example.com': Invalid password");
  }
}
