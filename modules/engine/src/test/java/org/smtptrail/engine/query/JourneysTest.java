package org.smtptrail.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.ingest.LogSource;

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
    new Ingester(data, IngestListener.NONE)
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

  @Test
  void endpointsMatchByNameShortNameOrAddress() {
    assertThat(Endpoints.names("mx2.example.com[192.0.2.20]:25", "mx2")).isTrue();
    assertThat(Endpoints.names("mail.example.com[192.0.2.10]", "mail.example.com")).isTrue();
    assertThat(Endpoints.names("mx1[192.0.2.30]", "mx1.example.com")).isTrue();
    assertThat(Endpoints.names("192.0.2.20", "192.0.2.20")).isTrue();
    assertThat(Endpoints.names("unknown[192.0.2.20]", "192.0.2.20")).isTrue();
    assertThat(Endpoints.names("mx.example.org:25", "mx.example.org")).isTrue();
    assertThat(Endpoints.names("unknown[192.0.2.20]", "unknown")).isFalse();
    assertThat(Endpoints.names("mx20.example.com[192.0.2.21]:25", "mx2")).isFalse();
    assertThat(Endpoints.names("198.51.100.30", "mx2")).isFalse();
    assertThat(Endpoints.names(null, "mx2")).isFalse();
    assertThat(Endpoints.names("mx2.example.com", null)).isFalse();
  }
}
