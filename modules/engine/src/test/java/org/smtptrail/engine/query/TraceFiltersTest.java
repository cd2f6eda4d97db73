package org.smtptrail.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import org.smtptrail.engine.verdict.DeliveryRow;

/** Filters against a real index of sample-logs/postfix, which has forwarded recipients (aliases). */
class TraceFiltersTest {
  @TempDir Path temp;

  /**
   * Found by TraceQueryFuzzTest: {@code --status DELIVERED_LOCALLY} listed an alias whose row, once its forwarded
   * copy decided it, showed HANDED_OVER: the filter looked at the row before the forward was followed.
   */
  @Test
  void statusFiltersTheVerdictShownAndTogetherTheyListEveryRowOnce() throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    new Ingester(data, LocalStore.DEFAULT, IngestListener.NONE)
        .index(LogSource.all(List.of(Path.of("../../sample-logs/postfix")),
            new IngestOptions(null, ZoneOffset.UTC, null)));
    try (EventStore store = EventStore.open(data)) {
      TraceSearcher searcher = new TraceSearcher(store);
      List<DeliveryRow> all = searcher.trace(TraceQuery.all().withLimit(0));
      assertThat(all).as("the sample has a forwarded recipient").anyMatch(r -> r.forwardedAs() != null);
      List<DeliveryRow> byStatus = new ArrayList<>();
      for (Verdict verdict : Verdict.values()) {
        List<DeliveryRow> rows = searcher.trace(
            new TraceQuery(null, null, null, null, null, null, null, verdict, 0));
        assertThat(rows).as("--status %s", verdict).allSatisfy(r -> assertThat(r.verdict()).isEqualTo(verdict));
        byStatus.addAll(rows);
      }
      assertThat(byStatus).hasSameSizeAs(all);
    }
  }
}
