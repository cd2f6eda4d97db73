package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.ingest.LogSource;
import org.smtptrail.engine.store.Store;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.testkit.PostfixCorpus;

/**
 * The test harness's fault controls, which the store's fault tests build on: a node killed with SIGKILL is really
 * gone, and restarted it comes back with what it had acknowledged; three nodes on loopback form one cluster that keeps
 * answering while one of them is down.
 *
 * <p>The kill and restart use the shared node (a cluster of its own would cost another start, about 20 s; the restart
 * gives it back to the other classes as it was). The three-node cluster costs 25 to 80 s, in every build: it is the
 * ground the store's fault tests stand on.
 */
@ExtendWith(SharedOpenSearch.class)
class OpenSearchClusterIT {

  @Test
  void aKilledNodeRestartsWithItsAcknowledgedDocuments(OpenSearchCluster cluster) throws Exception {
    OpenSearchClient client = cluster.client();
    index(client, "survivor", 0, 20);
    long pid = cluster.node(0).process().orElseThrow().pid();

    cluster.kill9(0);

    assertThat(ProcessHandle.of(pid)).as("the node's JVM after kill -9").isEmpty();
    assertThat(cluster.node(0).isRunning()).isFalse();
    cluster.restart(0);
    assertThat(cluster.node(0).process().orElseThrow().pid()).isNotEqualTo(pid);
    assertThat(client.count(count -> count.index("survivor")).count()).isEqualTo(20);
  }

  @Test
  void threeNodesFormOneClusterAndKeepAnsweringWhileOneIsDown(@TempDir Path folder) throws Exception {
    try (OpenSearchCluster cluster = startOrSkip(3)) {
      OpenSearchStore store = storeOfEveryNode(cluster);
      int before = ingest(store, folder, "before", 2_000);
      OpenSearchClient client = cluster.client();
      assertThat(client.cluster().health().numberOfNodes()).isEqualTo(3);
      client.indices().create(create -> create.index("replicated")
          .settings(settings -> settings.numberOfShards(3).numberOfReplicas(1)));
      index(client, "replicated", 0, 30);
      assertThat(client.cluster().health(health -> health.waitForStatus(HealthStatus.Green)).status())
          .isEqualTo(HealthStatus.Green);

      cluster.kill9(2);

      assertThat(client.cluster().health(health -> health.waitForNodes(nodes -> nodes.count(2))).numberOfNodes()).isEqualTo(2);
      assertThat(client.count(count -> count.index("replicated")).count()).as("a replica of every shard is left")
          .isEqualTo(30);
      index(client, "replicated", 30, 10);
      aStoreNamingEveryNodeWritesAndReadsWithItsFirstNodeDown(cluster, folder, before);
      cluster.restart(2);
      assertThat(client.cluster().health(health -> health.waitForStatus(HealthStatus.Green)
          .timeout(time -> time.time("60s"))).status()).isEqualTo(HealthStatus.Green);
      assertThat(client.count(count -> count.index("replicated")).count()).isEqualTo(40);
    }
  }

  /**
   * A store URL naming the three nodes, the killed one (2) first: the client leaves it aside and the agent goes on
   * writing and reading through the others.
   */
  private static void aStoreNamingEveryNodeWritesAndReadsWithItsFirstNodeDown(OpenSearchCluster cluster, Path folder,
      int before) throws IOException {
    int added = ingest(LocalStore.DEFAULT, folder, "after", 1_000);
    assertThat(ingest(storeOfEveryNode(cluster), folder, "after", 1_000))
        .as("events written before and after node 2 was killed").isEqualTo(before + added).isGreaterThan(before);
  }

  private static OpenSearchStore storeOfEveryNode(OpenSearchCluster cluster) {
    String nodes = IntStream.of(2, 0, 1).mapToObj(n -> "127.0.0.1:" + cluster.node(n).settings().httpPort())
        .collect(Collectors.joining(","));
    OpenSearchStore store = OpenSearchStore.of("http://" + nodes + "/several").withLayout(400, 3, 1);
    assertThat(store.address().nodes()).hasSize(3);
    return store;
  }

  /**
   * Indexes {@code lines} generated Postfix lines (the same for the same name) into a store, with an agent folder of
   * its own; the store's events after.
   */
  private static int ingest(Store store, Path folder, String name, int lines) throws IOException {
    Path log = folder.resolve(name + ".log");
    Files.write(log, PostfixCorpus.lines(name.hashCode(), lines));
    DataDirectory agent = new DataDirectory(folder.resolve(name + "-" + store.getClass().getSimpleName()));
    new Ingester(agent, store, IngestListener.NONE)
        .index(LogSource.all(List.of(log), new IngestOptions("postfix", ZoneOffset.UTC, null)));
    try (StoreReader reader = store.openReader(agent)) {
      return reader.eventCount();
    }
  }

  private static void index(OpenSearchClient client, String index, int from, int count) throws IOException {
    List<BulkOperation> operations = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      String id = "doc-" + i;
      operations.add(BulkOperation.of(operation -> operation.index(put -> put.id(id).document(Map.of("n", id)))));
    }
    BulkResponse response = client.bulk(bulk -> bulk.index(index).refresh(Refresh.True).operations(operations));
    assertThat(response.errors()).as("bulk: %s", response.items()).isFalse();
  }

  private static OpenSearchCluster startOrSkip(int nodes) throws Exception {
    try {
      return OpenSearchCluster.start(nodes);
    } catch (OpenSearchUnavailableException e) {
      SharedOpenSearch.requireOrSkip(e);
      throw e;
    }
  }
}
