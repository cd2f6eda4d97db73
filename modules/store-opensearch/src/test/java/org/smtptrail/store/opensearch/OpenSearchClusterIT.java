package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

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
  void threeNodesFormOneClusterAndKeepAnsweringWhileOneIsDown() throws Exception {
    try (OpenSearchCluster cluster = startOrSkip(3)) {
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
      cluster.restart(2);
      assertThat(client.cluster().health(health -> health.waitForStatus(HealthStatus.Green)
          .timeout(time -> time.time("60s"))).status()).isEqualTo(HealthStatus.Green);
      assertThat(client.count(count -> count.index("replicated")).count()).isEqualTo(40);
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
