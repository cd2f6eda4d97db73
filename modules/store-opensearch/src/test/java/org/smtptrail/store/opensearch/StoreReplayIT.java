package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.SampleLogs;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.store.FileWrites;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.engine.store.StoreWriter;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.MessageRows;

/**
 * Writing again what the store holds duplicates nothing: the samples indexed a second time by an agent that lost its
 * data folder (no checkpoints: every file read from its start), and documents sent twice (a retried bulk) are each
 * kept once.
 */
@ExtendWith(SharedOpenSearch.class)
class StoreReplayIT {

  @Test
  void indexingAgainWithoutCheckpointsDuplicatesNothing(OpenSearchCluster cluster, @TempDir Path folders)
      throws IOException {
    OpenSearchStore store = OpenSearchStore.of(cluster.httpUri() + "/it-replay");
    DataDirectory data = new DataDirectory(folders.resolve("agent"));
    new Ingester(data, store, IngestListener.NONE).index(SampleLogs.everyFormat());
    Figures first = figures(cluster.client(), store);

    deleteTree(data.root()); // the checkpoints go: every file is read again from its first line
    new Ingester(data, store, IngestListener.NONE).index(SampleLogs.everyFormat());

    assertThat(figures(cluster.client(), store)).isEqualTo(first);
  }

  @Test
  void documentsSentTwiceAreKeptOnce(OpenSearchCluster cluster, @TempDir Path folders) throws IOException {
    OpenSearchStore store = OpenSearchStore.of(cluster.httpUri() + "/it-retry");
    DataDirectory data = new DataDirectory(folders.resolve("agent"));
    new Ingester(data, store, IngestListener.NONE).index(SampleLogs.everyFormat());
    Figures before = figures(cluster.client(), store);
    String key;
    List<LogEvent> events;
    try (StoreReader reader = store.openReader(data)) {
      key = new TraceSearcher(reader).trace(TraceQuery.all().withLimit(1)).get(0).key();
      events = reader.eventsByKey(List.of(key)).get(key);
    }

    try (StoreWriter writer = store.openWriter(new DataDirectory(folders.resolve("retrying")))) {
      FileWrites file = writer.fileWrites("a-retried-file");
      for (int attempt = 0; attempt < 2; attempt++) {
        writer.apply(file.events(key, events));
        writer.apply(writer.rows(key, MessageRows.of(key, events), true));
      }
      writer.commit();
      assertThat(count(cluster.client(), store, DocumentKind.EVENTS)).as("event documents")
          .isEqualTo(before.eventDocuments() + 1);
      assertThat(count(cluster.client(), store, DocumentKind.ROWS)).as("rows").isEqualTo(before.rows());

      assertThat(writer.deleteFrom("a-retried-file", 0)).containsExactly(key);
      writer.apply(writer.rows(key, MessageRows.of(key, events), true));
      writer.commit();
    }
    assertThat(figures(cluster.client(), store)).isEqualTo(before);
  }

  /** What the store holds, in numbers and rows. */
  private record Figures(long eventDocuments, long rows, int events, List<DeliveryRow> trace) {}

  private static Figures figures(OpenSearchClient client, OpenSearchStore store) throws IOException {
    try (StoreReader reader = store.openReader(new DataDirectory(Path.of("unused")))) {
      return new Figures(count(client, store, DocumentKind.EVENTS), count(client, store, DocumentKind.ROWS),
          reader.eventCount(), new TraceSearcher(reader).trace(TraceQuery.all().withLimit(0)));
    }
  }

  private static long count(OpenSearchClient client, OpenSearchStore store, DocumentKind kind) throws IOException {
    String alias = new IndexNames(store.address().prefix()).readAlias(kind);
    client.indices().refresh(refresh -> refresh.index(alias));
    return client.count(count -> count.index(alias)).count();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
