package org.smtptrail.format.axigen;

import static org.smtptrail.format.axigen.ParsedFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.testkit.CollectingSink;
import org.smtptrail.testkit.Fixtures;

/**
 * Axigen's default log level (15): no SMTP conversation lines, so a remote recipient's attempts are the PROCESSING
 * state lines (the rule in {@link ProcessingLines}), and an SMTP-OUT session is at most its connection line
 * ({@link SmtpOutConnects}). The fixtures default-level-relayed.log and default-level-mixed.log are cut from
 * sample-logs/axigen-default (generated); default-level-ties.log and state-word-variants.log are written by hand.
 */
class AxigenDefaultLevelTest {
  private static List<DeliveryAttempt> attempts(List<LogEvent> events) {
    return events.stream().filter(DeliveryAttempt.class::isInstance).map(DeliveryAttempt.class::cast).toList();
  }

  private static DeliveryAttempt only(List<LogEvent> events, String recipient) {
    return attempts(events).stream().filter(a -> a.recipient().equals(recipient)).reduce((a, b) -> {
      throw new AssertionError("two attempts of " + recipient);
    }).orElseThrow(() -> new AssertionError("no attempt of " + recipient));
  }

  /** Per recipient, the SMTP-OUT lines among its events. */
  private static Map<String, List<String>> smtpOutEvidence(List<LogEvent> events) {
    return events.stream().filter(e -> "SMTP-OUT".equals(e.header().program()) && e.recipient() != null)
        .collect(Collectors.groupingBy(LogEvent::recipient,
            Collectors.mapping(e -> e.header().localId() + " " + e.header().source().text()
                .substring(e.header().source().text().indexOf("SMTP-OUT:")), Collectors.toList())));
  }

  @Test
  void stateLinesDecideRemoteRecipientsAndEachStateIsOneAttempt() {
    List<LogEvent> events = parse("/axigen/default-level-relayed.log").events();
    assertThat(events).noneMatch(Unparsed.class::isInstance);
    assertThat(attempts(events)).extracting(DeliveryAttempt::recipient, DeliveryAttempt::status,
        DeliveryAttempt::local, a -> String.valueOf(a.relay()), a -> a.header().localId()).containsExactly(
            tuple("erin@example.org", DeliveryStatus.SENT, false, "[198.51.100.25]:25", "003F1001"),
            tuple("nobody@example.org", DeliveryStatus.BOUNCED, false, "[198.51.100.25]:25", "003F1002"),
            tuple("carol@example.com", DeliveryStatus.SENT, true, "mailbox:INBOX", "003F1003"),
            tuple("frank@example.net", DeliveryStatus.DEFERRED, false, "[198.51.100.30]:25", "003F1004"),
            tuple("frank@example.net", DeliveryStatus.SENT, false, "[198.51.100.30]:25", "003F1004"));
    assertThat(attempts(events)).allSatisfy(a -> assertThat(a.reply()).isNull());
    assertThat(only(events, "nobody@example.org").detail()).isEqualTo("state FAILED after SMTP-OUT connection to"
        + " [198.51.100.25]:25 (no SMTP reply logged at this log level)");
    assertThat(smtpOutEvidence(events)).containsOnly(
        Map.entry("erin@example.org", List.of("003F1001 SMTP-OUT:0000A404: [192.0.2.10:40112] connected to"
            + " [198.51.100.25:25]")),
        Map.entry("nobody@example.org", List.of("003F1002 SMTP-OUT:0000A407: [192.0.2.10:40388] connected to"
            + " [198.51.100.25:25]")),
        Map.entry("frank@example.net", List.of(
            "003F1004 SMTP-OUT:0000A409: [192.0.2.10:40519] connected to [198.51.100.30:25]",
            "003F1004 SMTP-OUT:0000A40A: [192.0.2.10:40777] connected to [198.51.100.30:25]")));
  }

  @Test
  void theReportOfAFailureAtTheDefaultLevelIsLinkedToIt() {
    List<LogEvent> events = parse("/axigen/default-level-relayed.log").events();
    ParsedFixture.assertTheReportIsLinkedToTheFailure(events);
  }

  @Test
  void aLocalDeliveryIsOneAttemptItsStateSentIsEvidence() {
    List<LogEvent> events = parse("/axigen/default-level-mixed.log").events();
    assertThat(only(events, "henry@example.com").relay()).hasToString("mailbox:INBOX");
    assertThat(events).filteredOn(Observation.class::isInstance).map(Observation.class::cast)
        .extracting(Observation::recipient, Observation::what).contains(tuple("henry@example.com", "state SENT"));
  }

  @Test
  void aFailedConnectionGivesTheDeferralItsReasonAndSeveralServersAtOnceGiveNoRelay() {
    List<LogEvent> events = parse("/axigen/default-level-mixed.log").events();
    assertThat(events).noneMatch(Unparsed.class::isInstance);
    List<DeliveryAttempt> ruth = attempts(events).stream().filter(a -> a.recipient().startsWith("ruth@")).toList();
    assertThat(ruth).hasSize(2).allSatisfy(deferred -> {
      assertThat(deferred.status()).isEqualTo(DeliveryStatus.DEFERRED);
      assertThat(deferred.relay()).hasToString("[203.0.113.95]:25");
      assertThat(deferred.detail()).matches("state DEFERRED after SMTP-OUT: \\[192\\.0\\.2\\.10:4170[01]\\]"
          + " connection to \\[203\\.0\\.113\\.95:25\\] failed: Connection refused");
    });
    // three sessions to three servers in one second, none of their domains seen before in this file: no relay
    for (String recipient : List.of("ivan@example.net", "judy@example.org", "kate@example.org")) {
      assertThat(only(events, recipient).relay()).as(recipient).isNull();
    }
    assertThat(only(events, "kate@example.org").detail()).isEqualTo("state SENT (no SMTP reply logged at this log"
        + " level; no SMTP-OUT connection or mailbox delivery tied: handed over is inferred from the state word)");
    assertThat(only(events, "judy@example.org").status()).isEqualTo(DeliveryStatus.BOUNCED);
    // leo's retries, alone in their minute, are tied: the first try's servers and the retry's intersect in one
    assertThat(attempts(events)).filteredOn(a -> a.recipient().equals("leo@lists.example.net"))
        .extracting(DeliveryAttempt::status, a -> String.valueOf(a.relay())).containsExactly(
            tuple(DeliveryStatus.DEFERRED, "null"),
            tuple(DeliveryStatus.DEFERRED, "[203.0.113.80]:25"),
            tuple(DeliveryStatus.DEFERRED, "[203.0.113.80]:25"));
    assertThat(smtpOutEvidence(events).get("leo@lists.example.net")).containsExactly(
        "003F1008 SMTP-OUT:0000A412: [192.0.2.10:41303] connected to [203.0.113.80:25]",
        "003F1008 SMTP-OUT:0000A413: [192.0.2.10:41903] connected to [203.0.113.80:25]");
    assertThat(smtpOutEvidence(events)).doesNotContainKeys("ivan@example.net", "judy@example.org",
        "kate@example.org");
  }

  @Test
  void everyLineIsCountedOnceConnectionLinesIncluded() {
    for (String fixture : List.of("/axigen/default-level-relayed.log", "/axigen/default-level-mixed.log",
        "/axigen/default-level-ties.log")) {
      CollectingSink sink = parse(fixture);
      Map<Long, Long> uses = sink.events().stream().collect(Collectors.groupingBy(
          e -> e.header().source().lineNumber(), Collectors.counting()));
      List<Long> skipped = sink.skipped().stream().map(SourceLine::lineNumber).toList();
      assertThat(skipped).as("skipped lines of %s", fixture).doesNotHaveDuplicates()
          .allSatisfy(n -> assertThat(uses).as("line %d of %s is skipped and an event", n, fixture)
              .doesNotContainKey(n));
      int total = Fixtures.lines(fixture).size();
      assertThat(uses.size() + skipped.size()).as("lines of %s accounted for", fixture).isEqualTo(total);
    }
  }

  @Test
  void theReceiptLineWrittenAfterTheStateLinesStillJoins() {
    List<LogEvent> events = parse("/axigen/default-level-ties.log").events();
    DeliveryAttempt olga = only(events, "olga@example.org");
    assertThat(olga.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(olga.relay()).hasToString("[198.51.100.25]:25");
    assertThat(events).filteredOn(e -> "003F2001".equals(e.header().localId()))
        .extracting(e -> e.header().program()).contains("SMTP-IN", "PROCESSING", "SMTP-OUT");
    assertThat(events).filteredOn(Queued.class::isInstance).extracting(e -> e.header().localId())
        .containsExactly("003F2001", "003F2002");
    // quinn failed before SMTP-IN named the sender; the report to the sender is still recognised
    assertThat(only(events, "quinn@example.net").status()).isEqualTo(DeliveryStatus.BOUNCED);
    assertThat(events).filteredOn(Linked.class::isInstance).singleElement()
        .isInstanceOfSatisfying(Linked.class, link -> {
          assertThat(link.header().localId()).isEqualTo("003F2002");
          assertThat(link.linkedLocalId()).isEqualTo("003F2003");
        });
  }

  @Test
  void theRuleForAStateLineAlone() {
    List<LogEvent> events = parse("/axigen/default-level-ties.log").events();
    DeliveryAttempt rita = only(events, "rita@example.org");
    assertThat(rita.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(rita.local()).as("neither mailbox nor connection: handed over, inferred").isFalse();
    assertThat(rita.relay()).isNull();
    assertThat(rita.detail()).contains("no SMTP reply logged at this log level").contains("inferred");
    DeliveryAttempt tina = only(events, "tina@example.com");
    assertThat(tina.local()).as("PROCESSED - LOCAL, then SENT").isTrue();
    assertThat(tina.relay()).hasToString("local");
    assertThat(tina.detail()).isEqualTo("state SENT after PROCESSED - LOCAL (no 'Mail delivered to mailbox' line"
        + " logged)");
  }

  @Test
  void aDomainsServerIsLearnedFromTheServersSeenBeforeEachOfItsAttempts() {
    List<LogEvent> events = parse("/axigen/default-level-ties.log").events();
    assertThat(only(events, "uma@one.example.net").relay()).as("two servers, domains not seen: no relay").isNull();
    assertThat(only(events, "vic@two.example.net").relay()).isNull();
    assertThat(only(events, "wes@one.example.net").relay()).as("{.81, .82} then {.81, .83}: .81")
        .hasToString("[203.0.113.81]:25");
    assertThat(smtpOutEvidence(events).get("wes@one.example.net")).containsExactly(
        "003F2008 SMTP-OUT:0000B007: [192.0.2.10:42007] connected to [203.0.113.81:25]");
  }

  @Test
  void stateWordsAreReadTolerantlyAndAReasonIsKept() {
    List<LogEvent> events = parse("/axigen/state-word-variants.log").events();
    assertThat(events).noneMatch(Unparsed.class::isInstance);
    assertThat(attempts(events)).extracting(DeliveryAttempt::recipient, DeliveryAttempt::status,
        a -> a.reply() == null ? null : a.reply().code(), a -> a.reply() == null ? null : a.reply().enhancedStatus())
        .containsExactly(
            tuple("a1@example.org", DeliveryStatus.DEFERRED, 451, "4.7.1"),
            tuple("a2@example.org", DeliveryStatus.DEFERRED, null, null),
            tuple("a3@example.org", DeliveryStatus.BOUNCED, 550, "5.1.1"),
            tuple("a4@example.org", DeliveryStatus.BOUNCED, null, null),
            tuple("a5@example.org", DeliveryStatus.SENT, null, null),
            tuple("a8@example.org", DeliveryStatus.DEFERRED, null, null));
    assertThat(only(events, "a1@example.org").reply().text()).isEqualTo("451 4.7.1 Greylisted, try again later");
    assertThat(only(events, "a1@example.org").detail()).isEqualTo("state DEFERRED (451 4.7.1 Greylisted, try again"
        + " later)");
    assertThat(only(events, "a2@example.org").detail()).isEqualTo("state Temporary failure: connection timed out (no"
        + " SMTP reply logged at this log level)");
    assertThat(events).filteredOn(Observation.class::isInstance).map(Observation.class::cast)
        .extracting(Observation::recipient, Observation::what).containsExactly(
            tuple("a6@example.org", "state SENTINEL"),
            tuple("a7@example.org", "state PROCESSED - REMOTE"));
  }
}
