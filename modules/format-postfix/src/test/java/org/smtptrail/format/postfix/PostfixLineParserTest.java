package org.smtptrail.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.Discarded;
import org.smtptrail.core.event.Expired;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.MessageIdentified;
import org.smtptrail.core.event.Probed;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Received;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.Removed;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.testkit.CollectingSink;
import org.smtptrail.testkit.EventStrings;
import org.smtptrail.testkit.Fixtures;

class PostfixLineParserTest {
  private static final Instant REFERENCE = Instant.parse("2026-11-23T12:00:00Z");

  private static CollectingSink parse(List<String> lines, ZoneId zone, Instant reference) {
    PostfixLineParser parser = new PostfixLineParser(new ParseContext("mail.log", zone, reference, null));
    CollectingSink sink = new CollectingSink();
    for (int i = 0; i < lines.size(); i++) {
      parser.parse(new SourceLine("mail.log", i + 1, i * 100L, lines.get(i)), sink);
    }
    return sink;
  }

  private static List<LogEvent> events(String fixture) {
    return parse(Fixtures.lines(fixture), ZoneOffset.UTC, REFERENCE).events();
  }

  @Test
  void expiredMessageYieldsDeferralsExpiryAndLinkedNotifications() {
    List<LogEvent> events = events("/postfix/expired-with-notifications.log");
    assertThat(events).filteredOn(e -> "848C016028B".equals(e.header().localId()))
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Received", "MessageIdentified", "Queued", "DeliveryAttempt", "Queued", "DeliveryAttempt",
            "Queued", "DeliveryAttempt", "Linked", "Queued", "DeliveryAttempt", "Expired", "Linked", "Removed");
    assertThat(events).filteredOn(Linked.class::isInstance).map(Linked.class::cast)
        .extracting(Linked::linkedLocalId, Linked::reason)
        .containsExactly(tuple("AEF1F160291", LinkReason.DELAY_NOTICE),
            tuple("C18C1160291", LinkReason.NON_DELIVERY_NOTICE));
    assertThat(events).filteredOn(Expired.class::isInstance).singleElement()
        .isInstanceOfSatisfying(Expired.class, e -> assertThat(e.sender()).isEqualTo("mary@example.com"));
  }

  @Test
  void deferredAttemptCarriesTheRemoteReplyAndEnhancedCode() {
    DeliveryAttempt deferred = attempts("/postfix/deferred-then-sent.log").get(0);
    assertThat(deferred.status()).isEqualTo(DeliveryStatus.DEFERRED);
    assertThat(deferred.recipient()).isEqualTo("jane@greylist.example.net");
    assertThat(deferred.relay().toString()).isEqualTo("mx.greylist.example.net[127.0.0.7]:25");
    assertThat(deferred.reply().code()).isEqualTo(451);
    assertThat(deferred.reply().enhancedStatus()).isEqualTo("4.7.1");
    assertThat(deferred.reply().text()).startsWith("451 4.7.1 <jane@greylist.example.net>: Recipient address")
        .endsWith("(in reply to RCPT TO command)");
    assertThat(deferred.local()).isFalse();
    assertThat(deferred.delaySeconds()).isEqualTo(0.06);
  }

  @Test
  void sentAttemptToRemoteRelayKeepsThe250Reply() {
    DeliveryAttempt sent = attempts("/postfix/deferred-then-sent.log").get(1);
    assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(sent.reply().code()).isEqualTo(250);
    assertThat(sent.reply().text()).isEqualTo("250 OK id=1tHD1p-e2VRv4-e6");
    assertThat(sent.reply().enhancedStatus()).as("dsn= fills a missing enhanced code").isEqualTo("2.0.0");
    assertThat(sent.header().time()).isEqualTo(Instant.parse("2026-11-23T09:29:20Z"));
  }

  @Test
  void localDeliveryWithAliasKeepsTheOriginalRecipient() {
    List<DeliveryAttempt> attempts = attempts("/postfix/pickup-alias-local.log");
    assertThat(attempts).extracting(DeliveryAttempt::recipient, DeliveryAttempt::originalRecipient,
            DeliveryAttempt::local, DeliveryAttempt::detail)
        .containsExactly(
            tuple("root@mx1.example.com", "webmaster@mx1.example.com", true, "delivered to mailbox"),
            tuple("victor@accept.example.net", null, false, "250 2.0.0 Ok: queued as 1A0CE76F67"));
    assertThat(events("/postfix/pickup-alias-local.log")).first()
        .isInstanceOfSatisfying(Received.class, r -> assertThat(r.client()).isEqualTo("local"));
  }

  @Test
  void noqueueRejectIsARejectionWithoutQueueIdAndWarningsAreSkipped() {
    CollectingSink sink = parse(Fixtures.lines("/postfix/noqueue-reject.log"), ZoneOffset.UTC, REFERENCE);
    assertThat(sink.events()).singleElement().isInstanceOfSatisfying(Rejected.class, r -> {
      assertThat(r.header().localId()).isNull();
      assertThat(r.recipient()).isEqualTo("blocked@example.com");
      assertThat(r.sender()).isEqualTo("mary@example.com");
      assertThat(r.client()).isEqualTo("localhost[127.0.0.1]");
      assertThat(r.stage()).isEqualTo("RCPT");
      assertThat(r.reply().code()).isEqualTo(554);
      assertThat(r.reply().enhancedStatus()).isEqualTo("5.7.1");
      assertThat(r.reply().text()).contains("Recipient address rejected: Access denied");
    });
    assertThat(sink.skipped()).hasSize(4);
  }

  @Test
  void everyKindOfDiscardIsADiscardedEventWithItsRuleAndReason() {
    String p = "Nov 23 10:00:00 mx1 postfix/";
    List<LogEvent> events = parse(List.of(
        p + "discard[1]: 3F2A81C0D2: to=<a@example.net>, orig_to=<alias@example.net>, relay=none, delay=0.1,"
            + " delays=0.1/0/0/0, dsn=2.0.0, status=sent (blackhole.example.net)",
        p + "cleanup[2]: 3F2A81C0D2: discard: header Subject: Win 250 dollars from c.example.org[192.0.2.1];"
            + " from=<s@example.org> to=<b@example.com> proto=ESMTP helo=<c.example.org>: lottery",
        p + "cleanup[2]: 4A2A81C0D2: discard: body buy now from local; from=<www@example.com> to=<c@example.com>",
        p + "cleanup[2]: 5B2A81C0D2: milter-discard: END-OF-MESSAGE from c.example.org[192.0.2.1]: milter triggers"
            + " DISCARD action; from=<s@example.org> to=<d@example.com> proto=ESMTP helo=<c.example.org>",
        p + "smtpd[3]: NOQUEUE: discard: RCPT from unknown[192.0.2.2]: <s@example.org>: Sender address triggers"
            + " DISCARD action; from=<s@example.org> to=<e@example.com> proto=ESMTP helo=<h>",
        p + "smtpd[3]: 6C2A81C0D2: discard: DATA from unknown[192.0.2.2]: <DATA>: Data command triggers DISCARD"
            + " action; from=<s@example.org> proto=ESMTP helo=<h>"), ZoneOffset.UTC, REFERENCE).events();
    assertThat(events).allSatisfy(e -> assertThat(e).isInstanceOf(Discarded.class)).map(Discarded.class::cast)
        .extracting(e -> e.header().localId(), Discarded::recipient, Discarded::originalRecipient,
            Discarded::sender, Discarded::client, Discarded::rule, Discarded::reason)
        .containsExactly(
            tuple("3F2A81C0D2", "a@example.net", "alias@example.net", null, null, "the discard(8) transport",
                "blackhole.example.net"),
            tuple("3F2A81C0D2", "b@example.com", null, "s@example.org", "c.example.org[192.0.2.1]",
                "a header_checks DISCARD rule", "header Subject: Win 250 dollars: lottery"),
            tuple("4A2A81C0D2", "c@example.com", null, "www@example.com", "local", "a body_checks DISCARD rule",
                "body buy now"),
            tuple("5B2A81C0D2", "d@example.com", null, "s@example.org", "c.example.org[192.0.2.1]",
                "a milter at END-OF-MESSAGE", "milter triggers DISCARD action"),
            tuple(null, "e@example.com", null, "s@example.org", "unknown[192.0.2.2]",
                "a DISCARD action of the smtpd restrictions at RCPT",
                "<s@example.org>: Sender address triggers DISCARD action"),
            tuple("6C2A81C0D2", null, null, "s@example.org", "unknown[192.0.2.2]",
                "a DISCARD action of the smtpd restrictions at DATA", "<DATA>: Data command triggers DISCARD action"));
  }

  @Test
  void aRefusalAtAnyStageKeepsItsStageClientEnvelopeAndAReplyWithoutTheEnvelope() {
    String p = "Nov 23 10:00:00 mx1 postfix/";
    List<LogEvent> events = parse(List.of(
        p + "smtpd[1]: NOQUEUE: reject: CONNECT from unknown[192.0.2.1]: 554 5.7.1 <unknown[192.0.2.1]>: Client host"
            + " rejected: Access denied; proto=SMTP",
        p + "smtpd[1]: NOQUEUE: reject: EHLO from unknown[192.0.2.1]: 504 5.5.2 <localhost>: Helo command rejected:"
            + " need fully-qualified hostname; proto=SMTP helo=<localhost>",
        p + "smtpd[1]: NOQUEUE: reject: MAIL from c.example.org[192.0.2.1]: 452 4.3.1 Insufficient system storage;"
            + " proto=ESMTP helo=<c.example.org>",
        p + "smtpd[1]: NOQUEUE: reject: MAIL from c.example.org[192.0.2.1]: 553 5.7.1 <s@example.org>: Sender address"
            + " rejected: not logged in; from=<s@example.org> proto=ESMTP helo=<c.example.org>",
        p + "smtpd[1]: NOQUEUE: reject: VRFY from unknown[192.0.2.1]: 550 5.1.1 <n@example.com>: Recipient address"
            + " rejected: User unknown; to=<n@example.com> proto=SMTP helo=<h>",
        p + "postscreen[2]: NOQUEUE: reject: CONNECT from [192.0.2.3]:4711: too many connections",
        p + "postscreen[2]: NOQUEUE: reject: RCPT from [192.0.2.3]:4711: 550 5.7.1 Service unavailable; client"
            + " [192.0.2.3] blocked using zen.example.net; from=<s@example.org>, to=<r@example.com>, proto=ESMTP,"
            + " helo=<h>",
        p + "smtpd[1]: 3F2A81C0D2: reject: DATA from unknown[192.0.2.1]: 550 5.5.3 <DATA>: Data command rejected:"
            + " Multi-recipient bounce; from=<> proto=ESMTP helo=<h>",
        p + "cleanup[3]: 3F2A81C0D2: reject: header Subject: Win 250 dollars from unknown[192.0.2.1];"
            + " from=<s@example.org> to=<r@example.com> proto=ESMTP helo=<h>: 5.7.1 message content rejected"),
        ZoneOffset.UTC, REFERENCE).events();
    assertThat(events).allSatisfy(e -> assertThat(e).isInstanceOf(Rejected.class)).map(Rejected.class::cast)
        .extracting(Rejected::stage, Rejected::client, Rejected::sender, Rejected::recipient,
            r -> r.reply().code(), r -> r.reply().enhancedStatus(), r -> r.reply().text())
        .containsExactly(
            tuple("CONNECT", "unknown[192.0.2.1]", null, null, 554, "5.7.1",
                "554 5.7.1 <unknown[192.0.2.1]>: Client host rejected: Access denied"),
            tuple("EHLO", "unknown[192.0.2.1]", null, null, 504, "5.5.2",
                "504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname"),
            tuple("MAIL", "c.example.org[192.0.2.1]", null, null, 452, "4.3.1",
                "452 4.3.1 Insufficient system storage"),
            tuple("MAIL", "c.example.org[192.0.2.1]", "s@example.org", null, 553, "5.7.1",
                "553 5.7.1 <s@example.org>: Sender address rejected: not logged in"),
            tuple("VRFY", "unknown[192.0.2.1]", null, "n@example.com", 550, "5.1.1",
                "550 5.1.1 <n@example.com>: Recipient address rejected: User unknown"),
            tuple("CONNECT", "[192.0.2.3]:4711", null, null, 0, null, "too many connections"),
            tuple("RCPT", "[192.0.2.3]:4711", "s@example.org", "r@example.com", 550, "5.7.1",
                "550 5.7.1 Service unavailable; client [192.0.2.3] blocked using zen.example.net"),
            tuple("DATA", "unknown[192.0.2.1]", "", null, 550, "5.5.3",
                "550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce"),
            tuple("header", "unknown[192.0.2.1]", "s@example.org", "r@example.com", 0, "5.7.1",
                "5.7.1 message content rejected"));
  }

  @Test
  void rfc3339MultiInstanceAndLongQueueIds() {
    CollectingSink sink = parse(Fixtures.lines("/postfix/rfc3339-multi-instance.log"), ZoneOffset.UTC,
        REFERENCE);
    assertThat(sink.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Received", "MessageIdentified", "Queued", "DeliveryAttempt", "Removed");
    assertThat(sink.events()).allSatisfy(e -> {
      assertThat(e.header().localId()).isEqualTo("4hnbBCg5fSSvC1");
      assertThat(e.header().host()).isEqualTo("mx2");
    });
    assertThat(sink.events().get(0)).isInstanceOfSatisfying(Received.class, r -> {
      assertThat(r.client()).isEqualTo("client.example.org[192.0.2.10]");
      assertThat(r.authenticatedUser()).isEqualTo("mary");
      assertThat(r.header().program()).isEqualTo("postfix/submission/smtpd");
      assertThat(r.header().time()).isEqualTo(Instant.parse("2026-11-23T08:30:25.103123Z"));
    });
    assertThat(sink.events().get(1)).isInstanceOfSatisfying(MessageIdentified.class,
        m -> assertThat(m.messageId()).isEqualTo("<long-id-1@sample.smtptrail>"));
    assertThat(sink.events().get(2)).isInstanceOfSatisfying(Queued.class, q -> {
      assertThat(q.size()).isEqualTo(1204);
      assertThat(q.recipientCount()).isEqualTo(1);
    });
    assertThat(sink.skipped()).as("connect line and the dovecot line").hasSize(2);
  }

  @Test
  void classicTimestampsTakeTheYearFromTheFileAndTheZoneFromTheSource() {
    List<String> lines = List.of(
        "Dec 31 23:59:59 mx1 postfix/qmgr[1]: ABCDEF123: removed",
        "Jan  1 00:00:01 mx1 postfix/qmgr[1]: ABCDEF124: removed");
    CollectingSink sink = parse(lines, ZoneId.of("Europe/Berlin"), Instant.parse("2027-01-01T08:00:00Z"));
    assertThat(sink.events()).extracting(e -> e.header().time())
        .containsExactly(Instant.parse("2026-12-31T22:59:59Z"), Instant.parse("2026-12-31T23:00:01Z"));
  }

  @Test
  void postsuperDeletionIsRemovalByAnAdministrator() {
    CollectingSink sink = parse(List.of("Nov 23 10:00:00 mx1 postfix/postsuper[77]: 3F2A81C0D2: removed",
        "Nov 23 10:00:00 mx1 postfix/postsuper[77]: Deleted: 1 message"), ZoneOffset.UTC, REFERENCE);
    assertThat(sink.events()).singleElement()
        .isInstanceOfSatisfying(Removed.class, r -> assertThat(r.byAdministrator()).isTrue());
    assertThat(sink.skipped()).hasSize(1);
  }

  @Test
  void forwardedLocalDeliveryLinksTheNewQueueId() {
    CollectingSink sink = parse(List.of("Nov 23 10:00:00 mx1 postfix/local[9]: 3F2A81C0D2: to=<al@example.com>,"
        + " relay=local, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (forwarded as 5B1C2D3E4F)"),
        ZoneOffset.UTC, REFERENCE);
    assertThat(sink.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("DeliveryAttempt", "Linked");
    assertThat(sink.events().get(1)).isInstanceOfSatisfying(Linked.class, l -> {
      assertThat(l.linkedLocalId()).isEqualTo("5B1C2D3E4F");
      assertThat(l.reason()).isEqualTo(LinkReason.FORWARDED);
      assertThat(l.recipient()).isEqualTo("al@example.com");
    });
  }

  @Test
  void unknownMessageLineIsUnparsedAndNotSkipped() {
    CollectingSink sink = parse(List.of("Nov 23 10:00:00 mx1 postfix/smtp[9]: 3F2A81C0D2: something new happened",
        "Nov 23 10:00:00 mx1 postfix/smtp[9]: 3F2A81C0D2: to=<a@example.com>, relay=x, status=exploded (boom)",
        "this is not syslog at all"), ZoneOffset.UTC, REFERENCE);
    assertThat(sink.events()).hasSize(3).allMatch(Unparsed.class::isInstance);
    assertThat(sink.events()).extracting(e -> e.header().source().lineNumber()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void wordsThatLookLikeQueueIdsAreNot() {
    assertThat(QueueIds.endOfQueueIdAt("warning: x", 0)).isNegative();
    assertThat(QueueIds.endOfQueueIdAt("NOQUEUE: reject", 0)).isNegative();
    assertThat(QueueIds.endOfQueueIdAt("statistics: max", 0)).isNegative();
    assertThat(QueueIds.endOfQueueIdAt("3F2A81C0D2: to=", 0)).isEqualTo(10);
    assertThat(QueueIds.endOfQueueIdAt("4hnbBCg5fSSvC1: to=", 0)).isEqualTo(14);
  }

  @Test
  void delayRelayAndStatusAreReadInPlaceAsParseDoubleAndTheWholeFieldWouldReadThem() {
    String[] delays = {"0.42", "12", "0.1", "1.007", "123456.123456", "5.", ".5", "1e3", "-2", "", "x",
        "0.12345678901234567", "99999999999999999"};
    for (String delay : delays) {
      DeliveryAttempt attempt = onlyAttempt("Nov 23 10:00:00 mx1 postfix/smtp[9]: 3F2A81C0D2: to=<a@example.com>,"
          + " relay=mx.example.com[192.0.2.1]:2525, delay=" + delay + ", delays=0/0/0/0, dsn=2.0.0, status=sent (ok)");
      double expected;
      try {
        expected = Double.parseDouble(delay);
      } catch (NumberFormatException notANumber) {
        expected = -1;
      }
      assertThat(attempt.delaySeconds()).as("delay=%s", delay).isEqualTo(expected);
    }
    List<String> relays = List.of("relay=none", "relay=local", "relay=mx.example.com[192.0.2.1]:25",
        "relay=mx.example.com[192.0.2.1]", "relay=mx.example.com[192.0.2.1]:", "relay=mx.example.com[192.0.2.1]:x",
        "relay=[192.0.2.1]:25", "relay=broken]name[", "delays=1/2 relay_none=1");
    assertThat(relays).extracting(relay -> onlyAttempt("Nov 23 10:00:00 mx1 postfix/smtp[9]: 3F2A81C0D2:"
            + " to=<a@example.com>, " + relay + ", dsn=4.4.1, status=deferred (no)").relay())
        .extracting(r -> r == null ? null : tuple(r.name(), r.address(), r.port()))
        .containsExactly(null, tuple("local", null, -1), tuple("mx.example.com", "192.0.2.1", 25),
            tuple("mx.example.com", "192.0.2.1", -1), tuple("mx.example.com", "192.0.2.1", -1),
            tuple("mx.example.com", "192.0.2.1", -1), tuple("", "192.0.2.1", 25), tuple("broken]name[", null, -1),
            null);
    assertThat(List.of("sent", "deferred", "bounced", "expired")).extracting(word -> onlyAttempt(
            "Nov 23 10:00:00 mx1 postfix/smtp[9]: 3F2A81C0D2: to=<a@example.com>, relay=none, status=" + word
                + " (x)").status())
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DEFERRED, DeliveryStatus.BOUNCED,
            DeliveryStatus.EXPIRED);
    assertThat(parse(List.of("Nov 23 10:00:00 mx1 postfix/smtp[9]: 3F2A81C0D2: to=<a@example.com>, relay=none,"
        + " status=sentx (x)"), ZoneOffset.UTC, REFERENCE).events()).singleElement().isInstanceOf(Unparsed.class);
  }

  @Test
  void localTransportsAreTheLastSegmentOfTheProgramName() {
    assertThat(List.of("postfix/local", "postfix/virtual", "postfix-in/lmtp", "postfix/submission/pipe",
            "postfix/smtp", "postfix/localx", "postfix/lmtp2"))
        .extracting(program -> onlyAttempt("Nov 23 10:00:00 mx1 " + program + "[9]: 3F2A81C0D2: to=<a@example.com>,"
            + " relay=local, status=sent (delivered)").local())
        .containsExactly(true, true, true, true, false, false, false);
  }

  /** Issue 26, case 1: a content filter on LMTP that queued the message again passed it on; it stored nothing. */
  @Test
  void lmtpToAFilterThatQueuedTheMessageAgainIsNotALocalStore() {
    String prefix = "Nov 23 10:00:00 mx1 postfix/lmtp[9]: 3F2A81C0D2: to=<a@example.com>, relay=";
    assertThat(List.of(
            "127.0.0.1[127.0.0.1]:10024, status=sent (250 2.0.0 <a@example.com> Ok, id=04520-01, from"
                + " MTA([127.0.0.1]:10025): 250 2.0.0 Ok: queued as 5C6D7E8F9A)",
            "mail.example.com[private/dovecot-lmtp], status=sent (250 2.0.0 <a@example.com> nV3kJ2Qx Saved)"))
        .extracting(rest -> onlyAttempt(prefix + rest).local())
        .containsExactly(false, true);
    assertThat(onlyAttempt("Nov 23 10:00:00 mx1 postfix/local[9]: 3F2A81C0D2: to=<a@example.com>, relay=local,"
        + " status=sent (delivered to command: queued as X)").local()).as("only LMTP speaks for a next queue")
        .isTrue();
  }

  /** Cleanup logs a milter's reply without its three-digit code: the enhanced code and text are the reply. */
  @Test
  void aMilterRejectKeepsItsEnhancedCodeAndText() {
    List<LogEvent> events = parse(List.of("Nov 23 10:00:00 mx1 postfix/cleanup[9]: 3F2A81C0D2: milter-reject:"
        + " END-OF-MESSAGE from sender.example.org[198.51.100.20]: 4.7.1 Greylisting in action, try again later;"
        + " from=<a@example.org> to=<b@example.com> proto=ESMTP helo=<sender.example.org>"), ZoneOffset.UTC,
        REFERENCE).events();
    assertThat(events).singleElement().isInstanceOfSatisfying(Rejected.class, r -> {
      assertThat(r.stage()).isEqualTo("END-OF-MESSAGE");
      assertThat(r.client()).isEqualTo("sender.example.org[198.51.100.20]");
      assertThat(r.recipient()).isEqualTo("b@example.com");
      assertThat(r.reply()).isNotNull();
      assertThat(r.reply().code()).isZero();
      assertThat(r.reply().enhancedStatus()).isEqualTo("4.7.1");
      assertThat(r.reply().text()).isEqualTo("4.7.1 Greylisting in action, try again later");
    });
    List<LogEvent> headerCheck = parse(List.of("Nov 23 10:00:00 mx1 postfix/cleanup[9]: 3F2A81C0D2: reject: header"
        + " Subject: Cheap offers from sender.example.org[198.51.100.20]; from=<a@example.org> to=<b@example.com>"
        + " proto=ESMTP helo=<sender.example.org>: 5.7.1 message content rejected"), ZoneOffset.UTC, REFERENCE)
        .events();
    assertThat(headerCheck).singleElement().isInstanceOfSatisfying(Rejected.class, r -> {
      assertThat(r.reply().enhancedStatus()).isEqualTo("5.7.1");
      assertThat(r.reply().text()).isEqualTo("5.7.1 message content rejected");
    });
  }

  @Test
  void addressesWithoutBracketsAreReadInEveryFieldThatHasOne() {
    String prefix = "Nov 23 10:00:00 mx1 postfix/";
    CollectingSink sink = parse(List.of(
        prefix + "qmgr[2]: 3F2A81C0D2: from=mary@example.com, size=1000, nrcpt=2 (queue active)",
        prefix + "smtp[3]: 3F2A81C0D2: to=john@example.net, relay=mx.example.net[203.0.113.7]:25, delay=1,"
            + " delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
        prefix + "local[4]: 3F2A81C0D2: to=tom@mx1.example.com, orig_to=postmaster@example.com, relay=local,"
            + " delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (delivered to mailbox)",
        prefix + "qmgr[2]: 4A1B2C3D4E: from=, size=2400, nrcpt=1 (queue active)",
        prefix + "qmgr[2]: 5B2C3D4E5F: from=ann@example.org, status=expired, returned to sender",
        prefix + "smtpd[5]: NOQUEUE: reject: RCPT from unknown[198.51.100.50]: 554 5.7.1 victor@example.net: Relay"
            + " access denied; from=walter@example.org to=victor@example.net proto=ESMTP helo=client.example.org"),
        ZoneOffset.UTC, REFERENCE);
    assertThat(sink.events()).noneMatch(Unparsed.class::isInstance);
    assertThat(sink.events()).filteredOn(Queued.class::isInstance).map(Queued.class::cast)
        .extracting(Queued::sender).containsExactly("mary@example.com", "");
    assertThat(sink.events()).filteredOn(DeliveryAttempt.class::isInstance).map(DeliveryAttempt.class::cast)
        .extracting(DeliveryAttempt::recipient, DeliveryAttempt::originalRecipient)
        .containsExactly(tuple("john@example.net", null), tuple("tom@mx1.example.com", "postmaster@example.com"));
    assertThat(sink.events()).filteredOn(Expired.class::isInstance).map(Expired.class::cast)
        .extracting(Expired::sender).containsExactly("ann@example.org");
    assertThat(sink.events()).filteredOn(Rejected.class::isInstance).map(Rejected.class::cast)
        .extracting(Rejected::sender, Rejected::recipient, Rejected::client)
        .containsExactly(tuple("walter@example.org", "victor@example.net", "unknown[198.51.100.50]"));
  }

  @Test
  void separatorsAndBlanksAnExportToolAppendedAreNotPartOfTheLastField() {
    String prefix = "Nov 23 10:00:00 mx1 postfix/";
    for (String residue : List.of(",,,,", ";;;;", " ", "\t,", ",")) {
      CollectingSink sink = parse(List.of(
          prefix + "smtpd[1]: 3F2A81C0D2: client=unknown[192.0.2.11]" + residue,
          prefix + "cleanup[2]: 3F2A81C0D2: message-id=<x@example.com>" + residue,
          prefix + "qmgr[3]: 3F2A81C0D2: from=<mary@example.com>, size=1000, nrcpt=1 (queue active)" + residue,
          prefix + "smtp[4]: 3F2A81C0D2: to=<john@example.net>, relay=mx.example.net[203.0.113.7]:25, delay=1,"
              + " delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)" + residue,
          prefix + "bounce[5]: 3F2A81C0D2: sender non-delivery notification: 4A1B2C3D4E" + residue,
          prefix + "qmgr[3]: 3F2A81C0D2: removed" + residue), ZoneOffset.UTC, REFERENCE);
      assertThat(sink.events()).as("residue %s", residue).extracting(e -> e.getClass().getSimpleName())
          .containsExactly("Received", "MessageIdentified", "Queued", "DeliveryAttempt", "Linked", "Removed");
      assertThat(sink.events().get(0)).isInstanceOfSatisfying(Received.class,
          r -> assertThat(r.client()).isEqualTo("unknown[192.0.2.11]"));
      assertThat(sink.events().get(1)).isInstanceOfSatisfying(MessageIdentified.class,
          m -> assertThat(m.messageId()).isEqualTo("<x@example.com>"));
      assertThat(sink.events().get(3)).isInstanceOfSatisfying(DeliveryAttempt.class, d -> {
        assertThat(d.detail()).isEqualTo("250 2.0.0 Ok");
        assertThat(d.reply().text()).isEqualTo("250 2.0.0 Ok");
      });
      assertThat(sink.events().get(4)).isInstanceOfSatisfying(Linked.class,
          l -> assertThat(l.linkedLocalId()).isEqualTo("4A1B2C3D4E"));
      assertThat(sink.events()).allSatisfy(e -> assertThat(e.header().source().text()).as("the evidence is whole")
          .endsWith(residue));
    }
    assertThat(PostfixLineParser.withoutExportResidue("removed")).isSameAs("removed");
    assertThat(PostfixLineParser.withoutExportResidue(",,, ;")).isEmpty();
  }

  @Test
  void addressVerificationAnswersAreProbesNotDeliveries() {
    String prefix = "Nov 23 14:00:02 mx1 postfix/";
    CollectingSink sink = parse(List.of(
        prefix + "smtp[1]: C0D1E2F3A4: to=<fay@example.org>, relay=mx.example.org[203.0.113.9]:25, delay=1.1,"
            + " delays=0.01/0.01/0.6/0.5, dsn=2.1.5, status=deliverable (250 2.1.5 Ok)",
        prefix + "smtp[2]: C2D3E4F5A6: to=<hal@example.net>, relay=mx.example.net[203.0.113.7]:25, delay=0.9,"
            + " delays=0.01/0/0.5/0.4, dsn=5.1.1, status=undeliverable (host mx.example.net[203.0.113.7] said: 550"
            + " 5.1.1 <hal@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
        prefix + "smtp[3]: C3D4E5F6A7: to=<ida@example.com>, relay=none, delay=30, delays=0.01/0/30/0, dsn=4.4.1,"
            + " status=undeliverable (connect to mx.example.com[192.0.2.25]:25: Connection timed out)",
        prefix + "local[4]: C4D5E6F7A8: to=<jon@mx1.example.com>, relay=local, delay=0.02, delays=0.01/0/0/0.01,"
            + " dsn=2.0.0, status=deliverable (delivers to mailbox)",
        prefix + "smtp[5]: C5D6E7F8A9: to=<kim@example.net>, relay=mx.example.net[203.0.113.7]:25, delay=0.7,"
            + " delays=0.01/0/0.4/0.3, dsn=5.1.1, status=undeliverable-but-not-cached (host mx.example.net"
            + "[203.0.113.7] said: 550 5.1.1 <kim@example.net>: User unknown (in reply to RCPT TO command))",
        prefix + "smtp[6]: C6D7E8F9AB: to=<lee@example.net>, relay=none, dsn=2.0.0, status=deliverablex (x)"),
        ZoneOffset.UTC, REFERENCE);
    assertThat(sink.events().subList(0, 5)).allMatch(Probed.class::isInstance);
    assertThat(sink.events().subList(0, 5)).map(Probed.class::cast)
        .extracting(Probed::recipient, Probed::deliverable, p -> p.relay() == null ? null : p.relay().toString(),
            p -> p.reply() == null ? null : p.reply().code() + " " + p.reply().enhancedStatus())
        .containsExactly(
            tuple("fay@example.org", true, "mx.example.org[203.0.113.9]:25", "250 2.1.5"),
            tuple("hal@example.net", false, "mx.example.net[203.0.113.7]:25", "550 5.1.1"),
            tuple("ida@example.com", false, null, "0 4.4.1"),
            tuple("jon@mx1.example.com", true, "local", "0 2.0.0"),
            tuple("kim@example.net", false, "mx.example.net[203.0.113.7]:25", "550 5.1.1"));
    assertThat(((Probed) sink.events().get(2)).detail())
        .isEqualTo("connect to mx.example.com[192.0.2.25]:25: Connection timed out");
    assertThat(sink.events().get(5)).as("another word is no answer").isInstanceOf(Unparsed.class);
    assertThat(sink.skipped()).isEmpty();
  }

  private static DeliveryAttempt onlyAttempt(String line) {
    List<LogEvent> events = parse(List.of(line), ZoneOffset.UTC, REFERENCE).events();
    assertThat(events).as(line).singleElement().isInstanceOf(DeliveryAttempt.class);
    return (DeliveryAttempt) events.get(0);
  }

  private static List<DeliveryAttempt> attempts(String fixture) {
    return events(fixture).stream().filter(DeliveryAttempt.class::isInstance).map(DeliveryAttempt.class::cast)
        .toList();
  }

  @Test
  void aPasswordEchoedInAReplyIsMaskedAndTheAttemptStillReadWhileTheSaslUserNameIsKept() {
    List<LogEvent> events = parse(List.of(
        "Nov 23 00:01:20 mx1 postfix/smtpd[41230]: 3F2A81C0D2: client=client.example.com[192.0.2.7],"
            + " sasl_method=PLAIN, sasl_username=joe@example.com",
        "Nov 23 00:01:21 mx1 postfix/smtp[41231]: 3F2A81C0D2: to=<r@example.net>, relay=relay.example.net"
            + "[198.51.100.9]:587, delay=1.2, delays=0.1/0/1.1/0, dsn=5.7.8, status=bounced (host relay.example.net"
            + "[198.51.100.9] said: 535 5.7.8 authentication failed for user=joe password=Echo3dSecret (in reply to"
            + " end of DATA command))",
        "Nov 31 00:01:22 mx1 postfix/smtpd[41230]: < client.example.com[192.0.2.7]: AUTH PLAIN"
            + " AGpvZUBleGFtcGxlLmNvbQBQb3N0Zml4U2VjcmV0"), ZoneOffset.UTC, REFERENCE).events();
    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Received", "DeliveryAttempt", "Unparsed");
    assertThat(events.get(0)).isInstanceOfSatisfying(Received.class,
        r -> assertThat(r.authenticatedUser()).isEqualTo("joe@example.com"));
    assertThat(events.get(1)).isInstanceOfSatisfying(DeliveryAttempt.class, d -> {
      assertThat(d.status()).isEqualTo(DeliveryStatus.BOUNCED);
      assertThat(d.reply().code()).isEqualTo(535);
      assertThat(d.reply().text()).contains("password=[credentials masked] (in reply to end of DATA command")
          .doesNotContain("Echo3dSecret");
      assertThat(d.detail()).doesNotContain("Echo3dSecret");
      assertThat(d.header().source().text()).doesNotContain("Echo3dSecret").contains("to=<r@example.net>");
    });
    assertThat(events.get(2).header().source().text()).endsWith("]: AUTH PLAIN [credentials masked]")
        .startsWith("Nov 31 00:01:22 mx1 postfix/smtpd[41230]: < ");
  }

  @Test
  void aRejectsTextIsMaskedToo() {
    List<LogEvent> events = parse(List.of(
        "Nov 23 00:01:20 mx1 postfix/smtpd[41230]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1"
            + " <r@example.net>: Relay access denied, login pass=Rej3ctSecret; from=<s@example.com> to=<r@example.net>"
            + " proto=ESMTP helo=<client.example.com>"), ZoneOffset.UTC, REFERENCE).events();
    assertThat(events.get(0)).isInstanceOfSatisfying(Rejected.class, r -> {
      assertThat(r.recipient()).isEqualTo("r@example.net");
      assertThat(r.sender()).isEqualTo("s@example.com");
      assertThat(r.reply().code()).isEqualTo(554);
      assertThat(r.header().source().text()).contains("login pass=[credentials masked]; from=<s@example.com>");
    });
    assertThat(EventStrings.of(events)).noneMatch(t -> t.contains("Rej3ctSecret"));
  }
}
