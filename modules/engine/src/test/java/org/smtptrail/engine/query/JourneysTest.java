package org.smtptrail.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.ingest.LogSource;
import org.smtptrail.engine.journey.HopCandidates;
import org.smtptrail.engine.journey.Journeys;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.Hop;
import org.smtptrail.engine.verdict.HopLink;

/**
 * Journeys across two Postfix hosts, indexed for real: which pairs of messages are one journey and which are not.
 * mx1 relays to mx2 (192.0.2.20); mx2 logs mx1 as its client.
 */
class JourneysTest {
  private static final String MX1_RELAY = "mx2.example.com[192.0.2.20]:25";
  private static final String FROM_MX1 = "mx1.example.com[192.0.2.30]";

  @TempDir Path temp;

  /** A message on one host: received from client (or picked up), its Message-ID, one delivery attempt, removed. */
  private static List<String> message(String host, String time, String qid, String client, String messageId,
      String to, String relay, String status, String reply) {
    String prefix = "2026-03-02T" + time + "+00:00 " + host + " postfix/";
    List<String> lines = new ArrayList<>();
    lines.add(client == null ? prefix + "pickup[1]: " + qid + ": uid=1000 from=<grace@example.com>"
        : prefix + "smtpd[2]: " + qid + ": client=" + client);
    lines.add(prefix + "cleanup[3]: " + qid + ": message-id=<" + messageId + ">");
    lines.add(prefix + "qmgr[4]: " + qid + ": from=<grace@example.com>, size=100, nrcpt=1 (queue active)");
    lines.add(prefix + "smtp[5]: " + qid + ": to=<" + to + ">, relay=" + relay + ", delay=1, delays=0/0/0/1, dsn="
        + (status.equals("sent") ? "2.0.0" : "5.1.1") + ", status=" + status + " (" + reply + ")");
    lines.add(prefix + "qmgr[4]: " + qid + ": removed");
    return lines;
  }

  private List<DeliveryRow> trace(List<String> mx1, List<String> mx2, TraceQuery query) throws IOException {
    try (EventStore store = EventStore.open(index(mx1, mx2))) {
      return new TraceSearcher(store).trace(query);
    }
  }

  private DataDirectory index(List<String> mx1, List<String> mx2) throws IOException {
    Path logs = Files.createDirectories(temp.resolve("logs"));
    Files.write(logs.resolve("mx1.log"), mx1);
    Files.write(logs.resolve("mx2.log"), mx2);
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    new Ingester(data, LocalStore.DEFAULT, IngestListener.NONE)
        .index(LogSource.all(List.of(logs), new IngestOptions(null, ZoneOffset.UTC, null)));
    return data;
  }

  private static final String BOUNCE = "host mx.example.org[198.51.100.40] said: 550 5.1.1 <henry@example.org>: "
      + "User unknown (in reply to RCPT TO command)";

  private static List<String> mx2Bounce(String time, String client, String messageId, String to) {
    return message("mx2", time, "4C4C0912DE", client, messageId, to, "mx.example.org[198.51.100.40]:25", "bounced",
        BOUNCE);
  }

  @Test
  void theSameMessageIdWithTheEndsAgreeingLinksWhenTheReplyNamesNoQueueId() throws IOException {
    List<String> mx1 = message("mx1", "11:30:00.000", "31851C9A5F", null, "j@example.com", "henry@example.org",
        MX1_RELAY, "sent", "250 2.0.0 Ok");
    List<String> mx2 = mx2Bounce("11:30:00.300", FROM_MX1, "j@example.com", "henry@example.org");
    List<DeliveryRow> rows = trace(mx1, mx2, TraceQuery.all());
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.key()).isEqualTo("postfix:mx1:31851C9A5F");
      assertThat(row.verdict()).isEqualTo(Verdict.BOUNCED);
      assertThat(row.category()).isEqualTo("recipient-unknown");
      assertThat(row.hops()).extracting(Hop::key).containsExactly("postfix:mx1:31851C9A5F", "postfix:mx2:4C4C0912DE");
      assertThat(row.hops()).extracting(Hop::link).containsExactly(null, HopLink.MESSAGE_ID);
      assertThat(row.hops()).extracting(Hop::verdict).containsExactly(Verdict.HANDED_OVER, Verdict.BOUNCED);
      assertThat(row.evidence()).hasSize(10);
    });
  }

  @Test
  void theJourneyIsFoundFromItsSecondServerAndListedOnce() throws IOException {
    List<String> mx1 = message("mx1", "11:30:00.000", "31851C9A5F", null, "j@example.com", "henry@example.org",
        MX1_RELAY, "sent", "250 2.0.0 Ok: queued as 4C4C0912DE");
    List<String> mx2 = mx2Bounce("11:30:00.300", FROM_MX1, "j@example.com", "henry@example.org");
    TraceQuery byMx2QueueId = new TraceQuery(null, null, null, null, "4C4C0912DE", null, null, null, 0);
    assertThat(trace(mx1, mx2, byMx2QueueId)).singleElement().satisfies(row -> {
      assertThat(row.key()).isEqualTo("postfix:mx1:31851C9A5F");
      assertThat(row.hops()).extracting(Hop::link).containsExactly(null, HopLink.QUEUE_ID);
    });
  }

  @Test
  void twoDifferentMessageIdsNeverLinkEvenWithTheQueueIdInTheReply() throws IOException {
    List<String> mx1 = message("mx1", "11:30:00.000", "31851C9A5F", null, "one@example.com", "henry@example.org",
        MX1_RELAY, "sent", "250 2.0.0 Ok: queued as 4C4C0912DE");
    List<String> mx2 = mx2Bounce("11:30:00.300", FROM_MX1, "other@example.com", "henry@example.org");
    assertThat(trace(mx1, mx2, TraceQuery.all())).hasSize(2).allSatisfy(row -> assertThat(row.hops()).hasSize(1));
  }

  @Test
  void aQueueIdNamedHoursEarlierOrForAnotherRecipientDoesNotLink() throws IOException {
    List<String> mx1 = message("mx1", "08:30:00.000", "31851C9A5F", null, "j@example.com", "henry@example.org",
        MX1_RELAY, "sent", "250 2.0.0 Ok: queued as 4C4C0912DE");
    List<String> mx2 = new ArrayList<>(mx2Bounce("11:30:00.300", FROM_MX1, "j@example.com", "henry@example.org"));
    assertThat(trace(mx1, mx2, TraceQuery.all())).as("three hours apart").hasSize(2);
  }

  @Test
  void theQueueIdAloneIsNotEnoughWhenNeitherEndNamesTheOther() throws IOException {
    List<String> mx1 = message("mx1", "11:30:00.000", "31851C9A5F", null, "j@example.com", "henry@example.org",
        "mx.example.org[198.51.100.40]:25", "sent", "250 2.0.0 Ok: queued as 4C4C0912DE");
    List<String> mx2 = mx2Bounce("11:30:00.300", "outside.example.org[203.0.113.5]", "k@example.org",
        "henry@example.org");
    assertThat(trace(mx1, mx2, TraceQuery.all())).hasSize(2);
  }

  @Test
  void anotherRecipientOnTheNextServerIsNotTheSameJourney() throws IOException {
    List<String> mx1 = message("mx1", "11:30:00.000", "31851C9A5F", null, "j@example.com", "henry@example.org",
        MX1_RELAY, "sent", "250 2.0.0 Ok: queued as 4C4C0912DE");
    List<String> mx2 = mx2Bounce("11:30:00.300", FROM_MX1, "j@example.com", "ivan@example.org");
    assertThat(trace(mx1, mx2, TraceQuery.all())).hasSize(2).allSatisfy(row -> assertThat(row.hops()).hasSize(1));
  }

  /**
   * A trace of one address finds journeys among that address's own messages, without searching the index per row
   * (HopCandidates.AmongKnown): the same journeys as the whole index gives, linked or not, whichever hop is asked.
   */
  @Test
  void aTraceOfOneAddressFindsTheSameJourneysAsTheWholeIndex() throws IOException {
    List<String> mx1 = new ArrayList<>(message("mx1", "11:30:00.000", "31851C9A5F", null, "j@example.com",
        "henry@example.org", MX1_RELAY, "sent", "250 2.0.0 Ok: queued as 4C4C0912DE"));
    mx1.addAll(message("mx1", "11:31:00.000", "41851C9A5F", null, "k@example.com", "henry@example.org", MX1_RELAY,
        "sent", "250 2.0.0 Ok"));
    mx1.addAll(message("mx1", "11:32:00.000", "51851C9A5F", null, "l@example.com", "ivan@example.org", MX1_RELAY,
        "sent", "250 2.0.0 Ok: queued as 6C4C0912DE"));
    List<String> mx2 = new ArrayList<>(mx2Bounce("11:30:00.300", FROM_MX1, "j@example.com", "henry@example.org"));
    mx2.addAll(message("mx2", "11:31:00.400", "5C4C0912DE", FROM_MX1, "k@example.com", "henry@example.org",
        "mx.example.org[198.51.100.40]:25", "sent", "250 2.0.0 Ok"));
    mx2.addAll(message("mx2", "11:32:00.500", "6C4C0912DE", FROM_MX1, "other@example.com", "ivan@example.org",
        "mx.example.org[198.51.100.40]:25", "sent", "250 2.0.0 Ok"));
    try (EventStore store = EventStore.open(index(mx1, mx2))) {
      TraceSearcher searcher = new TraceSearcher(store);
      List<DeliveryRow> everything = searcher.trace(TraceQuery.all());
      assertThat(everything).as("two journeys of henry, ivan's two messages apart").hasSize(4);
      assertThat(everything).filteredOn(row -> row.recipient().equals("henry@example.org"))
          .allSatisfy(row -> assertThat(row.hops()).hasSize(2));
      for (String address : List.of("henry@example.org", "Ivan@Example.org")) {
        TraceQuery oneAddress = TraceQuery.all().withTo(address);
        assertThat(TraceSearcher.onlyAddress(oneAddress)).isEqualTo(address.toLowerCase(java.util.Locale.ROOT));
        assertThat(searcher.trace(oneAddress)).as(address).containsExactlyElementsOf(
            everything.stream().filter(row -> row.recipient().equalsIgnoreCase(address)).toList());
      }
    }
  }

  /** A line of mx1 at 11:30:SS.mmm, as {@code program} ("postfix/smtp", "postfix-out/qmgr") logs it. */
  private static String mx1(String time, String program, String text) {
    return "2026-03-02T11:" + time + "+00:00 mx1 " + program + "[7]: " + text;
  }

  private static final String FILTER_REPLY = "250 2.0.0 Ok, id=04520-01, from MTA([127.0.0.1]:10025): 250 2.0.0 Ok:"
      + " queued as 5D6E7F8A9B";

  /**
   * A message handed to a content filter on this host ({@code agent} "smtp" or "lmtp", relay {@code filter}), which
   * queued it again as 5D6E7F8A9B: {@code firstMessageId} and {@code copyMessageId} null when not logged.
   */
  private static List<String> filtered(String agent, String filter, String firstMessageId, String copyMessageId,
      String copyOutcome) {
    List<String> lines = new ArrayList<>();
    lines.add(mx1("30:00.000", "postfix/smtpd", "4A3B2C1D0E: client=outside.example.org[203.0.113.5]"));
    if (firstMessageId != null) {
      lines.add(mx1("30:00.010", "postfix/cleanup", "4A3B2C1D0E: message-id=" + firstMessageId));
    }
    lines.add(mx1("30:00.020", "postfix/qmgr", "4A3B2C1D0E: from=<grace@example.org>, size=900, nrcpt=1 (queue"
        + " active)"));
    lines.add(mx1("30:01.000", "postfix/smtpd", "5D6E7F8A9B: client=localhost[127.0.0.1]"));
    if (copyMessageId != null) {
      lines.add(mx1("30:01.010", "postfix/cleanup", "5D6E7F8A9B: message-id=" + copyMessageId));
    }
    lines.add(mx1("30:01.020", "postfix/qmgr", "5D6E7F8A9B: from=<grace@example.org>, size=1400, nrcpt=1 (queue"
        + " active)"));
    lines.add(mx1("30:01.030", "postfix/" + agent, "4A3B2C1D0E: to=<henry@example.net>, relay=" + filter
        + ", delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (" + FILTER_REPLY + ")"));
    lines.add(mx1("30:01.040", "postfix/qmgr", "4A3B2C1D0E: removed"));
    lines.add(mx1("30:02.000", "postfix/smtp", "5D6E7F8A9B: to=<henry@example.net>,"
        + " relay=mx.example.net[198.51.100.40]:25, delay=1, delays=0/0/0/1, " + copyOutcome));
    return lines;
  }

  private static final String COPY_BOUNCED = "dsn=5.1.1, status=bounced (" + BOUNCE + ")";

  /** Issue 26, case 1: the first message's Message-ID was logged before the log starts, the copy's is there. */
  @Test
  void aContentFilterOnTheSameHostIsFollowedByTheQueueIdInItsReplyWithoutAMessageId() throws IOException {
    List<String> mx1 = filtered("smtp", "127.0.0.1[127.0.0.1]:10024", null, "<f@example.org>", COPY_BOUNCED);
    assertThat(trace(mx1, List.of(), TraceQuery.all())).singleElement().satisfies(row -> {
      assertThat(row.key()).isEqualTo("postfix:mx1:4A3B2C1D0E");
      assertThat(row.verdict()).isEqualTo(Verdict.BOUNCED);
      assertThat(row.category()).isEqualTo("recipient-unknown");
      assertThat(row.messageId()).isEqualTo("<f@example.org>");
      assertThat(row.hops()).extracting(Hop::key, Hop::verdict, Hop::link).containsExactly(
          tuple("postfix:mx1:4A3B2C1D0E", Verdict.HANDED_OVER, null),
          tuple("postfix:mx1:5D6E7F8A9B", Verdict.BOUNCED, HopLink.QUEUE_ID));
    });
  }

  /** The same-host link holds whatever the Message-IDs say: empty on both, or one the filter wrote anew. */
  @Test
  void onOneHostTheQueueIdLinksWhateverTheMessageIdsSay() throws IOException {
    for (List<String> ids : List.of(List.of("<>", "<>"), List.of("<f@example.org>", "<filtered.f@example.org>"))) {
      List<String> mx1 = filtered("smtp", "192.0.2.50[192.0.2.50]:2501", ids.get(0), ids.get(1), COPY_BOUNCED);
      try (EventStore store = EventStore.open(index(mx1, List.of()))) {
        assertThat(new TraceSearcher(store).trace(TraceQuery.all())).as("%s", ids).singleElement()
            .satisfies(row -> assertThat(row.hops()).extracting(Hop::link).containsExactly(null, HopLink.QUEUE_ID));
      }
      deleteRecursively(temp);
    }
  }

  /** LMTP to a filter that queued the message again is a handover (not a local store), and followed alike. */
  @Test
  void anLmtpContentFilterIsFollowedToTheCopysFate() throws IOException {
    List<String> mx1 = filtered("lmtp", "127.0.0.1[127.0.0.1]:10024", null, null,
        "dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 8E9F0A1B2C)");
    assertThat(trace(mx1, List.of(), TraceQuery.all())).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.HANDED_OVER);
      assertThat(row.relay()).isEqualTo("mx.example.net[198.51.100.40]:25");
      assertThat(row.remoteId()).isEqualTo("8E9F0A1B2C");
      assertThat(row.hops()).extracting(Hop::verdict).containsExactly(Verdict.HANDED_OVER, Verdict.HANDED_OVER);
    });
  }

  /** A reply naming an id that has no lines on our host is a genuine handover, also when that id shows up later. */
  @Test
  void aQueueIdWithNoLinesHereOrOnlyHoursLaterIsAGenuineHandover() throws IOException {
    List<String> mx1 = new ArrayList<>(message("mx1", "09:30:00.000", "31851C9A5F", null, "j@example.com",
        "henry@example.org", "mx.example.org[198.51.100.40]:25", "sent", "250 2.0.0 Ok: queued as 5D6E7F8A9B"));
    mx1.addAll(message("mx1", "12:30:00.000", "5D6E7F8A9B", FROM_MX1, "j@example.com", "henry@example.org",
        "mx.example.org[198.51.100.40]:25", "bounced", BOUNCE));
    assertThat(trace(mx1, List.of(), TraceQuery.all())).hasSize(2)
        .allSatisfy(row -> assertThat(row.hops()).hasSize(1))
        .anySatisfy(row -> assertThat(row.verdict()).isEqualTo(Verdict.HANDED_OVER));
  }

  /** Postfix instances of one host (postfix-in hands to postfix-out) share the host: one queue-id link. */
  @Test
  void anotherPostfixInstanceOfTheHostContinuesTheJourney() throws IOException {
    List<String> mx1 = List.of(
        mx1("30:00.000", "postfix-in/smtpd", "1A2B3C4D5E: client=outside.example.org[203.0.113.5]"),
        mx1("30:00.020", "postfix-in/qmgr", "1A2B3C4D5E: from=<grace@example.org>, size=900, nrcpt=1 (queue"
            + " active)"),
        mx1("30:00.500", "postfix-out/smtpd", "6F7A8B9C0D: client=localhost[127.0.0.1]"),
        mx1("30:00.510", "postfix-out/cleanup", "6F7A8B9C0D: message-id=<i@example.org>"),
        mx1("30:00.520", "postfix-out/qmgr", "6F7A8B9C0D: from=<grace@example.org>, size=950, nrcpt=1 (queue"
            + " active)"),
        mx1("30:00.530", "postfix-in/smtp", "1A2B3C4D5E: to=<henry@example.net>, relay=127.0.0.1[127.0.0.1]:10026,"
            + " delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 6F7A8B9C0D)"),
        mx1("30:02.000", "postfix-out/smtp", "6F7A8B9C0D: to=<henry@example.net>,"
            + " relay=mx.example.net[198.51.100.40]:25, delay=1, delays=0/0/0/1, " + COPY_BOUNCED));
    assertThat(trace(mx1, List.of(), TraceQuery.all())).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.BOUNCED);
      assertThat(row.hops()).extracting(Hop::key)
          .containsExactly("postfix:mx1:1A2B3C4D5E", "postfix:mx1:6F7A8B9C0D");
    });
  }

  private static void deleteRecursively(Path folder) throws IOException {
    try (var paths = Files.walk(folder)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!path.equals(folder)) {
          Files.delete(path);
        }
      }
    }
  }
}
