package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.SampleLogs;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.store.LiveStore;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.engine.store.TimeBudgetExceededException;

/**
 * A request of {@code serve} on OpenSearch keeps to its time budget: a cluster that stops answering (its node frozen
 * with SIGSTOP, as a node in a long garbage collection or a hung machine is) costs the request its budget and a
 * {@link TimeBudgetExceededException}, not a thread held until the node comes back; a budget already spent sends
 * nothing.
 */
@ExtendWith(SharedOpenSearch.class)
class StoreBudgetIT {

  @Test
  void aFrozenClusterCostsARequestItsBudgetAndNoMore(OpenSearchCluster cluster, @TempDir Path folder)
      throws Exception {
    OpenSearchStore store = OpenSearchStore.of(cluster.httpUri() + "/it-budget");
    DataDirectory data = new DataDirectory(folder.resolve("agent"));
    new Ingester(data, store, IngestListener.NONE).index(SampleLogs.everyFormat());
    long pid = cluster.node(0).process().orElseThrow().pid();

    try (LiveStore live = store.openLive(data, null)) {
      try (StoreReader reader = live.acquire(Duration.ofSeconds(5)).orElseThrow()) {
        assertThat(reader.eventCount()).isPositive();
      }
      signal("STOP", pid);
      long start = System.nanoTime();
      try (StoreReader reader = live.acquire(Duration.ofMillis(700)).orElseThrow()) {
        assertThatThrownBy(reader::eventCount).isInstanceOf(TimeBudgetExceededException.class)
            .hasMessageContaining("700 ms");
      } finally {
        signal("CONT", pid);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).as("the request against the frozen node").isBetween(Duration.ofMillis(650),
          Duration.ofSeconds(5));

      try (StoreReader reader = live.acquire(Duration.ofSeconds(30)).orElseThrow()) {
        assertThat(reader.eventCount()).as("answers again once the node runs").isPositive();
      }
    }
  }

  @Test
  void aSpentBudgetSendsNothing(OpenSearchCluster cluster, @TempDir Path folder) throws Exception {
    OpenSearchStore store = OpenSearchStore.of(cluster.httpUri() + "/it-budget");
    try (LiveStore live = store.openLive(new DataDirectory(folder.resolve("reader")), null);
        StoreReader reader = live.acquire(Duration.ofMillis(1)).orElseThrow()) {
      Thread.sleep(5);
      assertThatThrownBy(reader::eventCount).isInstanceOf(TimeBudgetExceededException.class);
    }
  }

  private static void signal(String name, long pid) throws IOException, InterruptedException {
    assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor())
        .as("kill -%s %d", name, pid).isZero();
  }
}
