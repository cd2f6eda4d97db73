package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.SampleLogs;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.journey.HopCandidates;
import org.smtptrail.engine.journey.Journeys;
import org.smtptrail.engine.query.StatsSearcher;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.store.AttemptWindow;
import org.smtptrail.engine.store.Store;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.StatsGroup;

/**
 * The store contract on both stores: the sample logs of every format indexed through {@link Ingester} into the local
 * store and into OpenSearch give the same rows (newest first), the same stats in every grouping, the same events of
 * every message and the same answers to typed queries.
 */
@ExtendWith(SharedOpenSearch.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreContractIT {
  private Path folders;
  private StoreReader local;
  private StoreReader remote;
  private List<DeliveryRow> all;

  @BeforeAll
  void indexTheSamplesIntoBothStores(OpenSearchCluster cluster, @TempDir Path folders) throws IOException {
    this.folders = folders;
    local = index(LocalStore.DEFAULT, "local");
    remote = index(OpenSearchStore.of(cluster.httpUri() + "/it-contract"), "opensearch");
    all = new TraceSearcher(local).trace(TraceQuery.all().withLimit(0));
  }

  private StoreReader index(Store store, String name) throws IOException {
    DataDirectory data = new DataDirectory(folders.resolve(name));
    long start = System.nanoTime();
    new Ingester(data, store, IngestListener.NONE).index(SampleLogs.everyFormat());
    System.out.printf("indexed the samples into the %s store in %d ms%n", name,
        Duration.ofNanos(System.nanoTime() - start).toMillis());
    return store.openReader(data);
  }

  @Test
  void everyRowIsTheSameInTheSameOrder() throws IOException {
    assertThat(all).as("rows of the samples").hasSizeGreaterThan(20);
    assertThat(new TraceSearcher(remote).trace(TraceQuery.all().withLimit(0))).isEqualTo(all);
  }

  @Test
  void addressSuggestionsAreTheSameInOrderAndBounded() throws IOException {
    TreeSet<String> every = new TreeSet<>();
    all.forEach(row -> every.add(row.recipient().toLowerCase(java.util.Locale.ROOT)));
    for (String prefix : List.of("a", "ALI", "k", "zz", "ken@refused.example.net", "*", ".")) {
      List<String> local = this.local.addressesStartingWith(prefix, 5);
      assertThat(remote.addressesStartingWith(prefix, 5)).as(prefix).isEqualTo(local);
      assertThat(local).as(prefix).hasSizeLessThanOrEqualTo(5).isSorted()
          .allSatisfy(a -> assertThat(a).startsWith(prefix.toLowerCase(java.util.Locale.ROOT)));
    }
    assertThat(local.addressesStartingWith("a", 50)).as("the samples' recipients are among them")
        .containsAll(every.subSet("a", "b"));
  }

  @Test
  void pagesAreTheSame() throws IOException {
    TraceQuery page = new TraceQuery(null, null, null, null, null, null, null, null, 7, 5);
    assertThat(new TraceSearcher(remote).trace(page)).isEqualTo(new TraceSearcher(local).trace(page));
  }

  @Test
  void statsAreTheSameInEveryGrouping() throws IOException {
    List<StatsGroup> groups = new ArrayList<>(List.of(StatsGroup.values()));
    groups.add(null);
    for (StatsGroup group : groups) {
      assertThat(new StatsSearcher(remote).stats(null, null, group)).as("stats by " + group)
          .isEqualTo(new StatsSearcher(local).stats(null, null, group));
    }
    Instant middle = middleTime();
    assertThat(new StatsSearcher(remote).stats(middle, null, StatsGroup.verdict)).as("stats since " + middle)
        .isEqualTo(new StatsSearcher(local).stats(middle, null, StatsGroup.verdict));
  }

  @Test
  void everyMessageHasTheSameEvents() throws IOException {
    TreeSet<String> keys = new TreeSet<>();
    local.forEachMessage((key, events) -> keys.add(key));
    TreeSet<String> remoteKeys = new TreeSet<>();
    remote.forEachMessage((key, events) -> remoteKeys.add(key));
    assertThat(remoteKeys).isEqualTo(keys);
    for (String key : keys) {
      assertThat(new TraceSearcher(remote).events(key)).as("events of " + key)
          .isEqualTo(new TraceSearcher(local).events(key));
    }
    assertThat(remote.eventCount()).isEqualTo(local.eventCount());
    assertThat(remote.needsUpgrade()).isFalse();
  }

  /**
   * The questions journeys ask about a page of rows, asked at once (as a trace asks them) and one at a time: the same
   * keys, in both stores. The samples have no question with more than a few documents, so no cap decides.
   */
  @Test
  void journeyQuestionsGetTheSameAnswersAtOnceAndOneAtATime() throws IOException {
    HopCandidates.Questions questions = Journeys.firstQuestions(all);
    int maxEvents = 200;
    int answered = 0;
    for (StoreReader store : List.of(local, remote)) {
      Map<AttemptWindow, Set<String>> attempts = store.someKeysWithAttempts(questions.windows(), maxEvents);
      assertThat(attempts).containsOnlyKeys(questions.windows());
      for (AttemptWindow window : questions.windows()) {
        assertThat(attempts.get(window)).as("attempts in %s", window)
            .isEqualTo(store.someKeysWithAttempts(List.of(window), maxEvents).get(window))
            .isEqualTo(local.someKeysWithAttempts(List.of(window), maxEvents).get(window));
        answered += attempts.get(window).size() > 1 ? 1 : 0;
      }
      Map<String, Set<String>> byLocalId = store.someKeysWithLocalIds(questions.localIds(), maxEvents);
      assertThat(byLocalId).containsOnlyKeys(questions.localIds());
      for (String id : questions.localIds()) {
        assertThat(byLocalId.get(id)).as("local id %s", id)
            .isEqualTo(local.someKeysWithLocalIds(List.of(id), maxEvents).get(id));
        answered += byLocalId.get(id).isEmpty() ? 0 : 1;
      }
      Map<String, Set<String>> byMessageId = store.someKeysWithMessageIds(questions.messageIds(), maxEvents);
      assertThat(byMessageId).containsOnlyKeys(questions.messageIds());
      for (String id : questions.messageIds()) {
        assertThat(byMessageId.get(id)).as("Message-ID %s", id)
            .isEqualTo(local.someKeysWithMessageIds(List.of(id), maxEvents).get(id));
      }
    }
    assertThat(answered).as("questions a hop answers (else this proves little)").isPositive();
    assertThat(remote.someKeysWithAttempts(questions.windows(), 0).values()).allMatch(Set::isEmpty);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typedQueries")
  void typedQueriesGetTheSameAnswers(String name, TraceQuery query) throws IOException {
    List<DeliveryRow> expected = new TraceSearcher(local).trace(query);
    assertThat(new TraceSearcher(remote).trace(query)).as(name).isEqualTo(expected);
  }

  /** Queries built from what the samples hold, so each finds something (checked by the first assertion). */
  Stream<Arguments> typedQueries() {
    DeliveryRow row = all.stream().filter(r -> r.recipient() != null && r.recipient().contains("@")
        && r.sender() != null && r.sender().contains("@") && r.messageId() != null).findFirst().orElseThrow();
    String recipient = row.recipient();
    String domain = recipient.substring(recipient.indexOf('@') + 1);
    String localPart = recipient.substring(0, recipient.indexOf('@'));
    String localId = row.key().substring(row.key().lastIndexOf(':') + 1);
    Instant middle = middleTime();
    TraceQuery none = new TraceQuery(null, null, null, null, null, null, null, null, 0);
    return Stream.of(
        Arguments.of("--to exact", none.withTo(recipient)),
        Arguments.of("--to exact, other case", none.withTo(recipient.toUpperCase(java.util.Locale.ROOT))),
        Arguments.of("--to wildcard", none.withTo(localPart.charAt(0) + "*@" + domain)),
        Arguments.of("--to ? wildcard", none.withTo("?" + recipient.substring(1))),
        Arguments.of("--to @domain", none.withTo("@" + domain)),
        Arguments.of("--to syntax as literal", none.withTo("a* OR *:*")),
        Arguments.of("--domain", new TraceQuery(null, null, domain, null, null, null, null, null, 0)),
        Arguments.of("--from", new TraceQuery(null, row.sender(), null, null, null, null, null, null, 0)),
        Arguments.of("--from wildcard", new TraceQuery(null, "*" + row.sender().substring(row.sender().indexOf('@')),
            null, null, null, null, null, null, 0)),
        Arguments.of("--status BOUNCED", new TraceQuery(null, null, null, null, null, null, null, Verdict.BOUNCED, 0)),
        Arguments.of("--status DEFERRED", new TraceQuery(null, null, null, null, null, null, null, Verdict.DEFERRED,
            0)),
        Arguments.of("--since", new TraceQuery(null, null, null, null, null, middle, null, null, 0)),
        Arguments.of("--until", new TraceQuery(null, null, null, null, null, null, middle, null, 0)),
        Arguments.of("--since --until", new TraceQuery(null, null, null, null, null, middle.minusSeconds(86_400),
            middle.plusSeconds(3600), null, 0)),
        Arguments.of("--id local id", new TraceQuery(null, null, null, null, localId, null, null, null, 0)),
        Arguments.of("--id key", new TraceQuery(null, null, null, null, row.key(), null, null, null, 0)),
        Arguments.of("--message-id", new TraceQuery(null, null, null, row.messageId(), null, null, null, null, 0)),
        Arguments.of("--to with --status and --limit", new TraceQuery("@" + domain, null, null, null, null, null,
            null, row.verdict(), 1)));
  }

  @Test
  void theTypedQueriesFindSomething() throws IOException {
    List<String> empty = new ArrayList<>();
    for (Arguments arguments : typedQueries().toList()) {
      String name = (String) arguments.get()[0];
      if (!name.contains("literal") && new TraceSearcher(local).trace((TraceQuery) arguments.get()[1]).isEmpty()) {
        empty.add(name);
      }
    }
    assertThat(empty).as("queries that find nothing in the samples: they would prove nothing").isEmpty();
  }

  /** The last event time halfway down the rows, newest first. */
  private Instant middleTime() {
    return all.stream().map(DeliveryRow::lastEvent).filter(Objects::nonNull).skip(all.size() / 2).findFirst()
        .orElseThrow();
  }
}
