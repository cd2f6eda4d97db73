package org.smtptrail.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.ingest.LogSource;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.StatsGroup;

class StatsSearcherTest {
  @TempDir Path temp;

  private static String line(int minute, String program, String text) {
    return "2026-11-23T10:%02d:00+00:00 mx1 postfix/%s[1]: %s".formatted(minute, program, text);
  }

  private static String received(int minute, String id, int size) {
    return line(minute, "smtpd", id + ": client=client.example.org[192.0.2.1]") + "\n"
        + line(minute, "qmgr", id + ": from=<mary@example.com>, size=" + size + ", nrcpt=1 (queue active)") + "\n";
  }

  private static String attempt(int minute, String id, String to, String status, String text) {
    return line(minute, "smtp", id + ": to=<" + to + ">, relay=mx.example.net[203.0.113.7]:25, delay=1,"
        + " delays=0/0/0/1, dsn=" + (status.equals("sent") ? "2.0.0" : status.equals("bounced") ? "5.1.1" : "4.4.1")
        + ", status=" + status + " (" + text + ")") + "\n";
  }

  /** Five messages: deferred twice then sent; one bounced and one deferred recipient; an alias; a rejection. */
  private static final String LOG = received(0, "1A2B3C4D01", 1000)
      + attempt(1, "1A2B3C4D01", "john@example.net", "deferred", "host mx.example.net said: 451 4.7.1 Greylisted")
      + attempt(5, "1A2B3C4D01", "john@example.net", "deferred", "host mx.example.net said: 451 4.7.1 Greylisted")
      + attempt(9, "1A2B3C4D01", "john@example.net", "sent", "250 2.0.0 Ok: queued as X1")
      + received(10, "1A2B3C4D02", 200)
      + attempt(11, "1A2B3C4D02", "nobody@example.org", "bounced", "host mx.example.org said: 550 5.1.1 User unknown")
      + attempt(11, "1A2B3C4D02", "jane@example.org", "deferred", "connect to mx.example.org: Connection refused")
      + received(20, "1A2B3C4D03", 300)
      + line(21, "local", "1A2B3C4D03: to=<info@mx1.example.com>, relay=local, delay=0, delays=0/0/0/0, dsn=2.0.0,"
          + " status=sent (forwarded as 1A2B3C4D04)") + "\n"
      + line(21, "qmgr", "1A2B3C4D04: from=<mary@example.com>, size=350, nrcpt=1 (queue active)") + "\n"
      + line(21, "smtp", "1A2B3C4D04: to=<dave@example.net>, orig_to=<info@mx1.example.com>,"
          + " relay=mx.example.net[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0,"
          + " status=sent (250 2.0.0 Ok: queued as X2)") + "\n"
      + line(30, "smtpd", "NOQUEUE: reject: RCPT from client.example.org[192.0.2.1]: 554 5.7.1"
          + " <rita@elsewhere.example.org>: Relay access denied; from=<mary@example.com>"
          + " to=<rita@elsewhere.example.org> proto=ESMTP helo=<client.example.org>") + "\n";

  private DataDirectory index(String log) throws IOException {
    Path file = temp.resolve("mail.log");
    Files.writeString(file, log);
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    new Ingester(data, LocalStore.DEFAULT, IngestListener.NONE)
        .index(LogSource.all(List.of(file), new IngestOptions(null, ZoneOffset.UTC, null)));
    return data;
  }

  private StatsReport stats(DataDirectory data, Instant since, Instant until, StatsGroup by) throws IOException {
    try (EventStore store = EventStore.open(data)) {
      return new StatsSearcher(store).stats(since, until, by);
    }
  }

  private static long bucketSum(StatsCounts c) {
    return c.handedOver() + c.deliveredLocally() + c.forwarded() + c.deferred() + c.bounced() + c.expired()
        + c.rejected() + c.discarded() + c.unknown();
  }

  @Test
  void discardedRowsAreCountedApartAndAreNeitherDeliveredNorTheirBytes() throws IOException {
    String log = received(0, "1A2B3C4D05", 500)
        + attempt(1, "1A2B3C4D05", "john@example.net", "sent", "250 2.0.0 Ok: queued as X3")
        + line(1, "discard", "1A2B3C4D05: to=<sales@blackhole.example.net>, relay=none, delay=0.1,"
            + " delays=0.1/0/0/0, dsn=2.0.0, status=sent (blackhole.example.net)") + "\n"
        + line(2, "smtpd", "NOQUEUE: discard: RCPT from client.example.org[192.0.2.1]: <mary@example.com>: Sender"
            + " address triggers DISCARD action; from=<mary@example.com> to=<bob@example.com> proto=ESMTP"
            + " helo=<client.example.org>") + "\n";
    DataDirectory data = index(log);
    StatsCounts totals = stats(data, null, null, null).totals();
    assertThat(totals.rows()).isEqualTo(3);
    assertThat(totals.discarded()).as("the discard transport's and the smtpd DISCARD action's").isEqualTo(2);
    assertThat(totals.delivered()).as("john only").isEqualTo(1);
    assertThat(totals.bytesDelivered()).as("a discarded copy delivered no byte").isEqualTo(500);
    assertThat(bucketSum(totals)).isEqualTo(totals.rows());
    Map<String, Long> rows = new TreeMap<>();
    stats(data, null, null, StatsGroup.verdict).groups().forEach(g -> rows.put(g.key(), g.counts().rows()));
    assertThat(rows).containsExactly(Map.entry("DISCARDED", 2L), Map.entry("HANDED_OVER", 1L));
  }

  @Test
  void totalsCountRowsMessagesAttemptsAndBytesAsPflogsummDoes() throws IOException {
    StatsCounts totals = stats(index(LOG), null, null, null).totals();
    assertThat(totals.messages()).as("A1, B2, C3, D4 and the NOQUEUE rejection").isEqualTo(5);
    assertThat(totals.rows()).isEqualTo(6);
    assertThat(totals.received()).as("client= lines").isEqualTo(3);
    assertThat(totals.handedOver()).as("john and dave; info is forwarded, not delivered").isEqualTo(2);
    assertThat(totals.deliveredLocally()).isZero();
    assertThat(totals.delivered()).isEqualTo(2);
    assertThat(totals.forwarded()).isEqualTo(1);
    assertThat(totals.deferred()).as("jane, still waiting").isEqualTo(1);
    assertThat(totals.messagesDeferred()).as("A1 (later sent) and B2").isEqualTo(2);
    assertThat(totals.deferrals()).as("two for john, one for jane").isEqualTo(3);
    assertThat(totals.bounced()).isEqualTo(1);
    assertThat(totals.rejected()).isEqualTo(1);
    assertThat(totals.expired()).isZero();
    assertThat(totals.unknown()).isZero();
    assertThat(totals.bytesReceived()).isEqualTo(1000 + 200 + 300);
    assertThat(totals.bytesDelivered()).as("A1 to john, D4 to dave").isEqualTo(1000 + 350);
    assertThat(bucketSum(totals)).isEqualTo(totals.rows());
  }

  @Test
  void byVerdictUsesTraceVerdictsAndForwardedRowsFollowTheirCopy() throws IOException {
    StatsReport report = stats(index(LOG), null, null, StatsGroup.verdict);
    Map<String, Long> rows = new TreeMap<>();
    report.groups().forEach(g -> rows.put(g.key(), g.counts().rows()));
    assertThat(rows).containsExactly(Map.entry("BOUNCED", 1L), Map.entry("DEFERRED", 1L),
        Map.entry("HANDED_OVER", 3L), Map.entry("REJECTED", 1L));
    StatsCounts handedOver = report.groups().stream().filter(g -> g.key().equals("HANDED_OVER")).findFirst()
        .orElseThrow().counts();
    assertThat(handedOver.forwarded()).isEqualTo(1);
    assertThat(handedOver.handedOver()).isEqualTo(2);
    assertThat(report.groups()).allSatisfy(g -> assertThat(bucketSum(g.counts())).isEqualTo(g.counts().rows()));
  }

  @Test
  void byDomainCountsAMessageOnceInEachGroupItTouches() throws IOException {
    StatsReport report = stats(index(LOG), null, null, StatsGroup.domain);
    assertThat(report.groups()).extracting(StatsReport.Group::key, g -> g.counts().messages(), g -> g.counts().rows())
        .containsExactly(
            tuple("example.net", 2L, 2L),
            tuple("example.org", 1L, 2L),
            tuple("elsewhere.example.org", 1L, 1L),
            tuple("mx1.example.com", 1L, 1L));
    StatsCounts exampleOrg = report.groups().get(1).counts();
    assertThat(exampleOrg.messagesDeferred()).isEqualTo(1);
    assertThat(exampleOrg.deferrals()).isEqualTo(1);
  }

  @Test
  void byRelayAndCategoryPutRowsWithoutOneInTheNoneGroup() throws IOException {
    DataDirectory data = index(LOG);
    assertThat(stats(data, null, null, StatsGroup.category).groups()).extracting(StatsReport.Group::key)
        .containsExactly(StatsGroup.NONE, "connection-failure", "recipient-unknown", "relay-denied-or-auth");
    assertThat(stats(data, null, null, StatsGroup.relay).groups()).extracting(StatsReport.Group::key)
        .contains("mx.example.net[203.0.113.7]:25");
    assertThat(stats(data, null, null, StatsGroup.host).groups()).extracting(StatsReport.Group::key)
        .containsExactly("mx1");
  }

  @Test
  void timeRangeKeepsTheRowsTraceKeeps() throws IOException {
    DataDirectory data = index(LOG);
    Instant since = Instant.parse("2026-11-23T10:15:00Z");
    Instant until = Instant.parse("2026-11-23T10:25:00Z");
    StatsCounts window = stats(data, since, until, null).totals();
    assertThat(window.rows()).as("C3's forwarded row and D4's").isEqualTo(2);
    assertThat(window.forwarded()).isEqualTo(1);
    try (EventStore store = EventStore.open(data)) {
      TraceSearcher trace = new TraceSearcher(store);
      assertThat(stats(data, since, null, null).totals().rows())
          .isEqualTo(trace.trace(new TraceQuery(null, null, null, null, null, since, null, null, 0)).size());
    }
    assertThat(stats(data, Instant.parse("2026-11-24T00:00:00Z"), null, null).totals().rows()).isZero();
    assertThat(stats(data, null, Instant.parse("2026-11-22T00:00:00Z"), null).totals().messages()).isZero();
  }

  @Test
  void aMessageIndexedInTwoRunsIsCountedOnceWithAllItsEvents() throws IOException {
    Path file = temp.resolve("mail.log");
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    Ingester ingester = new Ingester(data, LocalStore.DEFAULT, IngestListener.NONE);
    List<LogSource> source = LogSource.all(List.of(file), new IngestOptions(null, ZoneOffset.UTC, null));
    String first = received(0, "1A2B3C4D01", 1000)
        + attempt(1, "1A2B3C4D01", "john@example.net", "deferred", "host mx.example.net said: 451 4.7.1 Greylisted");
    Files.writeString(file, first);
    ingester.index(source);
    Files.writeString(file, first + attempt(9, "1A2B3C4D01", "john@example.net", "sent", "250 2.0.0 Ok"));
    ingester.index(source);
    List<String> keys = new ArrayList<>();
    try (EventStore store = EventStore.open(data)) {
      store.forEachMessage((key, events) -> keys.add(key + " " + events.size()));
    }
    assertThat(keys).containsExactly("postfix:mx1:1A2B3C4D01 4");
    StatsCounts totals = stats(data, null, null, null).totals();
    assertThat(totals.delivered()).isEqualTo(1);
    assertThat(totals.deferrals()).isEqualTo(1);
  }

  @Test
  void anEmptyDataFolderCountsNothing() throws IOException {
    StatsReport report = stats(new DataDirectory(temp.resolve("none")), null, null, StatsGroup.domain);
    assertThat(report.totals().rows()).isZero();
    assertThat(report.groups()).isEmpty();
  }

  @Test
  void addressVerificationProbesAreCountedApartAndAreNoRowsEvenWhenTheirAnswerComesInALaterRun()
      throws IOException {
    Path file = temp.resolve("mail.log");
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    Ingester ingester = new Ingester(data, LocalStore.DEFAULT, IngestListener.NONE);
    List<LogSource> source = LogSource.all(List.of(file), new IngestOptions(null, ZoneOffset.UTC, null));
    String probe = line(0, "qmgr", "5E6F7A8B01: from=<double-bounce@mx1.example.com>, size=263, nrcpt=1"
        + " (queue active)") + "\n";
    Files.writeString(file, probe);
    ingester.index(source);
    assertThat(stats(data, null, null, null).totals().unknown()).as("not known as a probe yet").isEqualTo(1);
    String answers = line(1, "smtp", "5E6F7A8B01: to=<fay@example.org>, relay=mx.example.org[203.0.113.9]:25,"
        + " delay=1, delays=0/0/0.5/0.5, dsn=2.1.5, status=deliverable (250 2.1.5 Ok)") + "\n"
        + line(1, "qmgr", "5E6F7A8B01: removed") + "\n"
        + line(40, "qmgr", "5E6F7A8B02: from=<double-bounce@mx1.example.com>, size=263, nrcpt=1 (queue active)")
        + "\n" + line(41, "smtp", "5E6F7A8B02: to=<hal@example.net>, relay=mx.example.net[203.0.113.7]:25, delay=1,"
        + " delays=0/0/0.5/0.5, dsn=5.1.1, status=undeliverable (host mx.example.net[203.0.113.7] said: 550 5.1.1"
        + " <hal@example.net>: User unknown (in reply to RCPT TO command))") + "\n"
        + received(50, "1A2B3C4D01", 1000)
        + attempt(51, "1A2B3C4D01", "john@example.net", "sent", "250 2.0.0 Ok: queued as X1");
    Files.writeString(file, probe + answers);
    assertThat(ingester.index(source).probes()).isEqualTo(2);
    StatsReport all = stats(data, null, null, StatsGroup.verdict);
    assertThat(all.probes()).isEqualTo(2);
    assertThat(all.totals().rows()).as("only john's row").isEqualTo(1);
    assertThat(all.totals().unknown()).isZero();
    assertThat(all.groups()).extracting(StatsReport.Group::key).containsExactly("HANDED_OVER");
    assertThat(stats(data, Instant.parse("2026-11-23T10:30:00Z"), null, null).probes()).isEqualTo(1);
    assertThat(stats(data, null, Instant.parse("2026-11-23T10:30:00Z"), null).probes()).isEqualTo(1);
    assertThat(stats(data, Instant.parse("2026-11-23T10:45:00Z"), null, null).probes()).isZero();
    try (EventStore store = EventStore.open(data)) {
      assertThat(new TraceSearcher(store).trace(TraceQuery.all().withLimit(0))).extracting(DeliveryRow::recipient)
          .containsExactly("john@example.net");
    }
  }

  @Test
  void aProbeAUserSubmittedCountsAsReceivedAsPflogsummCountsItsPickupLine() throws IOException {
    DataDirectory data = index(line(0, "pickup", "D1E2F3A4B5: uid=1000 from=<gina>") + "\n"
        + line(0, "qmgr", "D1E2F3A4B5: from=<gina@mx1.example.com>, size=310, nrcpt=1 (queue active)") + "\n"
        + line(0, "local", "D1E2F3A4B5: to=<hank@mx1.example.com>, relay=local, delay=0.02, delays=0.01/0/0/0.01,"
            + " dsn=2.0.0, status=deliverable (delivers to mailbox)") + "\n"
        + line(0, "qmgr", "D1E2F3A4B5: removed") + "\n");
    StatsReport report = stats(data, null, null, null);
    assertThat(report.probes()).isEqualTo(1);
    assertThat(report.totals().received()).isEqualTo(1);
    assertThat(report.totals().bytesReceived()).isEqualTo(310);
    assertThat(report.totals().messages()).as("a message counts with a row; a probe has none").isZero();
    assertThat(report.totals().rows()).isZero();
  }
}
