package org.smtptrail.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.SampleLogs;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.StatsGroup;

/**
 * Trace and stats answered from the stored rows, their filters pushed down to the rows' terms and doc values, equal
 * the same questions answered the slow, exact way, over every sample of every format: for trace, the rows of the
 * unfiltered trace that the exact filter ({@link TraceSearcher#matches}) keeps (with an id or a Message-ID, the rows
 * of that id's own trace it keeps: ids are looked up among the events, which {@link
 * #rowsHaveNoIdTermsAndAreStillFoundByEveryIdWithAStatus} checks); for stats, every message counted from its events,
 * as stats counts the few messages its rows cannot count alone. Each recipient, domain, sender, key, Message-ID and
 * verdict as a filter, wildcards, and time ranges, including ranges that cut a message's rows in two.
 */
class StoredRowsQueryTest {
  @TempDir static Path temp;
  private static DataDirectory data;
  private static List<DeliveryRow> all;

  @BeforeAll
  static void indexTheSamples() throws IOException {
    data = new DataDirectory(temp.resolve("data"));
    new Ingester(data, LocalStore.DEFAULT, IngestListener.NONE).index(SampleLogs.everyFormat());
    all = trace(TraceQuery.all().withLimit(0));
  }

  @Test
  void theSamplesGiveRowsOfEveryKind() throws IOException {
    try (EventStore store = EventStore.open(data)) {
      assertThat(store.hasStoredRows()).isTrue();
    }
    assertThat(all).hasSizeGreaterThan(50);
    assertThat(all).extracting(DeliveryRow::verdict).contains(Verdict.HANDED_OVER, Verdict.DELIVERED_LOCALLY,
        Verdict.DEFERRED, Verdict.BOUNCED, Verdict.EXPIRED, Verdict.REJECTED);
  }

  @Test
  void everyFilterFindsTheRowsTheExactFilterKeeps() throws IOException {
    List<TraceQuery> queries = new ArrayList<>();
    queries.add(TraceQuery.all().withLimit(0));
    Set<String> domains = new TreeSet<>();
    for (DeliveryRow row : all) {
      if (row.recipient() != null) {
        queries.add(query(row.recipient(), null, null, null, null, null, null, null));
        if (MailAddresses.domainOf(row.recipient()) != null) {
          domains.add(MailAddresses.domainOf(row.recipient()));
        }
      }
      if (row.originalRecipient() != null) {
        queries.add(query(row.originalRecipient(), null, null, null, null, null, null, null));
      }
      if (row.sender() != null && !row.sender().isEmpty()) {
        queries.add(query(null, row.sender(), null, null, null, null, null, null));
      }
      queries.add(query(null, null, null, null, row.key(), null, null, null));
      // ids are looked up among the events, then the rows by key: with other filters, and with each other
      queries.add(query(null, null, null, null, row.key(), null, null, row.verdict()));
      queries.add(query(null, null, null, null, row.key(), row.lastEvent(), null, null));
      if (row.messageId() != null) {
        queries.add(query(null, null, null, row.messageId(), null, null, null, null));
        queries.add(query(null, null, null, row.messageId(), null, null, null, row.verdict()));
        queries.add(query(null, null, null, row.messageId(), row.key(), null, null, null));
        queries.add(query(null, null, null, row.messageId(), all.get(0).key(), null, null, null));
      }
    }
    for (String domain : domains) {
      queries.add(query(null, null, domain, null, null, null, null, null));
      queries.add(query("@" + domain, null, null, null, null, null, null, null));
    }
    for (Verdict verdict : Verdict.values()) {
      queries.add(query(null, null, null, null, null, null, null, verdict));
    }
    queries.add(query("*@example.net", null, null, null, null, null, null, null));
    queries.add(query("j?h*", null, null, null, null, null, null, null));
    queries.add(query(null, "*@example.com", null, null, null, null, null, Verdict.HANDED_OVER));
    queries.add(query(null, null, null, null, "3F1008", null, null, null));
    queries.add(query(null, null, null, null, "3f1008", null, null, Verdict.DEFERRED));
    queries.add(query(null, null, null, null, "no-such-id", null, null, null));
    queries.add(query(null, null, null, "no-such-id@example.net", null, null, null, null));
    for (Instant time : times()) {
      queries.add(query(null, null, null, null, null, time, null, null));
      queries.add(query(null, null, null, null, null, null, time, null));
      queries.add(query(null, null, null, null, null, time, time.plusSeconds(3600), Verdict.DEFERRED));
    }
    for (TraceQuery query : new LinkedHashSet<>(queries)) {
      assertThat(trace(query)).as("%s", query).containsExactlyInAnyOrderElementsOf(exactly(query));
    }
  }

  /** The rows a query must give: those of the unfiltered trace, or of its id's own trace, the exact filter keeps. */
  private static List<DeliveryRow> exactly(TraceQuery query) throws IOException {
    List<DeliveryRow> candidates = all;
    if (query.id() != null || query.messageId() != null) {
      candidates = trace(query(null, null, null, query.id() == null ? query.messageId() : null, query.id(), null,
          null, null));
    }
    return candidates.stream().filter(row -> TraceSearcher.matches(row, query)).toList();
  }

  @Test
  void rowsHaveNoIdTermsAndAreStillFoundByEveryIdWithAStatus() throws IOException {
    try (Directory directory = FSDirectory.open(data.index());
        DirectoryReader reader = DirectoryReader.open(directory)) {
      assertThat(MultiTerms.getTerms(reader, "row_local_id")).as("no local-id terms on rows").isNull();
      assertThat(MultiTerms.getTerms(reader, "row_message_id")).as("no Message-ID terms on rows").isNull();
    }
    for (DeliveryRow row : all) {
      assertThat(trace(query(null, null, null, null, row.key(), null, null, row.verdict())))
          .as("%s by key", row).contains(row);
      String localId = row.key().substring(row.key().lastIndexOf(':') + 1); // format:host:local id[~time]
      if (!localId.startsWith("NOQUEUE-") && !localId.contains("~")) {
        assertThat(trace(query(null, null, null, null, localId.toLowerCase(Locale.ROOT), null, null,
            row.verdict()))).as("%s by local id", row).contains(row);
      }
      if (row.messageId() != null) {
        assertThat(trace(query(null, null, null, row.messageId(), null, null, null, row.verdict())))
            .as("%s by Message-ID", row).contains(row);
      }
    }
  }

  @Test
  void statsCountsAsEveryMessageCountedFromItsEventsInEveryGroupAndRange() throws IOException {
    List<Instant[]> ranges = new ArrayList<>();
    ranges.add(new Instant[] {null, null});
    for (Instant time : times()) {
      ranges.add(new Instant[] {time, null});
      ranges.add(new Instant[] {null, time});
      ranges.add(new Instant[] {time, time.plusSeconds(6 * 3600)});
    }
    List<StatsGroup> groups = new ArrayList<>(List.of(StatsGroup.values()));
    groups.add(null);
    for (Instant[] range : ranges) {
      for (StatsGroup by : groups) {
        assertThat(stats(range[0], range[1], by)).as("since %s until %s by %s", range[0], range[1], by)
            .isEqualTo(fromEvents(range[0], range[1], by));
      }
    }
  }

  /**
   * Times worth cutting at: the quartiles of the rows' last events, and for messages whose rows end at different
   * times, their last row's end (a {@code since} there keeps one row of the message and drops another).
   */
  private static List<Instant> times() {
    List<Instant> ends = all.stream().map(DeliveryRow::lastEvent).filter(t -> t != null).sorted().toList();
    Set<Instant> times = new TreeSet<>();
    for (int quarter = 1; quarter < 4; quarter++) {
      times.add(ends.get(ends.size() * quarter / 4));
    }
    Map<String, List<Instant>> byKey = new HashMap<>();
    all.forEach(row -> byKey.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row.lastEvent()));
    byKey.values().stream()
        .filter(rowEnds -> rowEnds.stream().distinct().count() > 1 && !rowEnds.contains(null))
        .map(rowEnds -> rowEnds.stream().max(Comparator.naturalOrder()).orElseThrow())
        .limit(12)
        .forEach(times::add);
    assertThat(times).as("some message's rows end at different times").hasSizeGreaterThan(3);
    return new ArrayList<>(times);
  }

  private static TraceQuery query(String to, String from, String domain, String messageId, String id, Instant since,
      Instant until, Verdict status) {
    return new TraceQuery(to, from, domain, messageId, id, since, until, status, 0);
  }

  private static List<DeliveryRow> trace(TraceQuery query) throws IOException {
    try (EventStore store = EventStore.open(data)) {
      return new TraceSearcher(store).trace(query);
    }
  }

  private static StatsReport stats(Instant since, Instant until, StatsGroup by) throws IOException {
    try (EventStore store = EventStore.open(data)) {
      return new StatsSearcher(store).stats(since, until, by);
    }
  }

  /** Stats the slow, exact way: every message counted from its events. */
  private static StatsReport fromEvents(Instant since, Instant until, StatsGroup by) throws IOException {
    try (EventStore store = EventStore.open(data)) {
      StatsSearcher searcher = new StatsSearcher(store);
      TraceQuery window = new TraceQuery(null, null, null, null, null, since, until, null, 0);
      StatsTally totals = new StatsTally();
      Map<String, StatsTally> groups = new HashMap<>();
      store.forEachMessage((key, events) -> searcher.countEvents(key, events, window, by, totals, groups));
      return StatsSearcher.report(totals, by, groups, searcher.countProbes(since, until, totals));
    }
  }
}
