package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.SampleLogs;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * Retention without the cluster's index management: {@code prune} drops whole months that ended before the cutoff
 * (their events and rows indices, at once), says what they held, changes nothing on a dry run, keeps every later
 * month's answers, and never drops the current month.
 */
@ExtendWith(SharedOpenSearch.class)
class StoreRetentionIT {

  @Test
  void wholeMonthsBeforeTheCutoffAreDroppedAndTheRestAnswersAsBefore(OpenSearchCluster cluster,
      @TempDir Path folder) throws IOException {
    OpenSearchStore store = OpenSearchStore.of(cluster.httpUri() + "/it-prune");
    DataDirectory data = new DataDirectory(folder.resolve("agent"));
    new Ingester(data, store, IngestListener.NONE).index(SampleLogs.everyFormat());
    List<DeliveryRow> before = rows(store, data);
    YearMonth newest = YearMonth.from(before.getFirst().lastEvent().atOffset(ZoneOffset.UTC));
    Instant cutoff = newest.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<DeliveryRow> kept = before.stream().filter(row -> !row.firstSeen().isBefore(cutoff)).toList();

    List<PrunedMonth> wouldDrop = store.prune(cutoff, true);

    assertThat(wouldDrop).as("the samples' months before %s", newest).isNotEmpty()
        .allSatisfy(month -> {
          assertThat(month.month()).isBefore(newest);
          assertThat(month.indices()).containsExactly("it-prune-events-" + dotted(month.month()),
              "it-prune-rows-" + dotted(month.month()));
          assertThat(month.documents()).isPositive();
          assertThat(month.bytes()).isPositive();
        });
    assertThat(rows(store, data)).as("a dry run drops nothing").isEqualTo(before);

    assertThat(store.prune(cutoff, false)).isEqualTo(wouldDrop);

    assertThat(rows(store, data)).as("the rows of the months kept").isEqualTo(kept).isNotEmpty();
    assertThat(store.prune(cutoff, false)).as("a second run").isEmpty();
    assertThat(store.prune(Instant.now().plus(400, ChronoUnit.DAYS), true))
        .as("the current month, which agents write to, and the lines without a time (1970.01) are never dropped")
        .extracting(PrunedMonth::month).isNotEmpty()
        .doesNotContain(YearMonth.now(ZoneOffset.UTC), YearMonth.of(1970, 1));
  }

  private static List<DeliveryRow> rows(OpenSearchStore store, DataDirectory data) throws IOException {
    try (StoreReader reader = store.openReader(data)) {
      return new TraceSearcher(reader).trace(TraceQuery.all().withLimit(0));
    }
  }

  private static String dotted(YearMonth month) {
    return String.format("%04d.%02d", month.getYear(), month.getMonthValue());
  }
}
