package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.nodes.info.NodesInfoMetric;
import org.opensearch.client.opensearch.nodes.NodesInfoResponse;

/**
 * The test node and the official client together: what the store will rely on, on a real node. A bulk with
 * explicit ids, sent again for one of them, overwrites that document instead of adding one (what makes a replay
 * after a crash safe), and a term query finds an address exactly.
 */
@ExtendWith(SharedOpenSearch.class)
class OpenSearchSmokeIT {

  @Test
  void bulkWithExplicitIdsOverwritesAndTermQueryFinds(OpenSearchCluster cluster) throws IOException {
    OpenSearchClient client = cluster.client();
    String index = "smoke-bulk";
    client.indices().create(create -> create.index(index)
        .settings(settings -> settings.numberOfShards(1).numberOfReplicas(0))
        .mappings(mappings -> mappings.dynamic(DynamicMapping.Strict)
            .properties("recipient", property -> property.keyword(keyword -> keyword))
            .properties("attempts", property -> property.integer(integer -> integer))));

    BulkResponse first = client.bulk(bulk -> bulk.index(index).refresh(Refresh.True).operations(List.of(
        put("m1", "john@example.net", 1), put("m2", "mary@example.com", 1), put("m3", "john@example.net", 2))));
    BulkResponse again = client.bulk(bulk -> bulk.index(index).refresh(Refresh.True)
        .operations(List.of(put("m2", "mary@example.com", 3))));

    assertThat(first.errors()).as("first bulk: %s", first.items()).isFalse();
    assertThat(again.errors()).as("second bulk: %s", again.items()).isFalse();
    assertThat(again.items().get(0).result()).isEqualTo("updated");
    assertThat(client.count(count -> count.index(index)).count()).as("m2 overwritten, not added").isEqualTo(3);
    var hits = client.search(search -> search.index(index).query(query -> query.term(term -> term
        .field("recipient").value(FieldValue.of("john@example.net")))), Map.class).hits().hits();
    assertThat(hits).extracting(hit -> hit.id()).containsExactlyInAnyOrder("m1", "m3");
    var m2 = client.get(get -> get.index(index).id("m2"), Map.class);
    assertThat(m2.source()).containsEntry("attempts", 3);
  }

  @Test
  void nodeListensOnLoopbackOnly(OpenSearchCluster cluster) throws IOException {
    NodesInfoResponse info = cluster.client().nodes().info(nodes -> nodes.metric(NodesInfoMetric.Http, NodesInfoMetric.Transport));

    assertThat(info.nodes().values()).isNotEmpty().allSatisfy(node -> {
      assertThat(node.http().boundAddress()).isNotEmpty().allMatch(address -> address.startsWith("127.0.0.1:"));
      assertThat(node.transport().boundAddress()).isNotEmpty().allMatch(address -> address.startsWith("127.0.0.1:"));
    });
  }

  @Test
  void nodeRunsAsNobodyWhenTheTestsRunAsRoot(OpenSearchCluster cluster) {
    OpenSearchDistribution distribution = OpenSearchDistribution.find();
    String expected = distribution.runsAsRoot() ? "nobody" : System.getProperty("user.name");

    ProcessHandle node = cluster.node(0).process().orElseThrow();

    assertThat(node.info().user()).contains(expected);
    assertThat(node.info().command()).hasValueSatisfying(command -> assertThat(command).endsWith("/bin/java"));
  }

  private static BulkOperation put(String id, String recipient, int attempts) {
    return BulkOperation.of(operation -> operation.index(index -> index.id(id)
        .document(Map.of("recipient", recipient, "attempts", attempts))));
  }
}
