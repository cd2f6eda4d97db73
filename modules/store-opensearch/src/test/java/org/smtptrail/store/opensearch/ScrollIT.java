package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

/**
 * A scroll the cluster loses between two pages (here every scroll context is cleared, as a node's restart clears
 * them): a search whose visitor may see a hit twice (the writer's deletes by id) starts over and sees every hit; any
 * other fails, saying to run it again.
 */
@ExtendWith(SharedOpenSearch.class)
class ScrollIT {
  private static final String INDEX = "it-scroll";
  private static final int DOCUMENTS = 2 * Scroll.PAGE + 500;

  @BeforeAll
  static void indexThreePagesOfDocuments(OpenSearchCluster cluster) throws IOException {
    List<BulkOperation> operations = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      String id = "doc-" + i;
      operations.add(BulkOperation.of(op -> op.index(put -> put.id(id).document(Map.of("n", id)))));
    }
    assertThat(cluster.client().bulk(bulk -> bulk.index(INDEX).refresh(Refresh.True).operations(operations))
        .errors()).isFalse();
  }

  @Test
  void aSearchThatMaySeeAHitTwiceStartsOverWhenItsScrollIsLost(OpenSearchCluster cluster) throws IOException {
    try (StoreConnection connection = connect(cluster)) {
      Set<String> seen = new HashSet<>();
      int[] visits = {0};
      Scroll.eachAgainIfLost(connection.requests(), INDEX, matchAll(connection), hit -> {
        if (visits[0]++ == Scroll.PAGE) { // the second page's first hit: the first scroll is cleared under it
          clearEveryScroll(connection);
        }
        seen.add(hit.path("_id").asText());
        return true;
      });
      assertThat(seen).hasSize(DOCUMENTS);
      assertThat(visits[0]).as("the hits of the lost scroll's first two pages, then every hit").isEqualTo(
          2 * Scroll.PAGE + DOCUMENTS);
    }
  }

  @Test
  void anyOtherSearchFailsSayingToRunItAgain(OpenSearchCluster cluster) throws IOException {
    try (StoreConnection connection = connect(cluster)) {
      int[] visits = {0};
      assertThatThrownBy(() -> Scroll.each(connection.requests(), INDEX, matchAll(connection), hit -> {
        if (visits[0]++ == 0) {
          clearEveryScroll(connection);
        }
        return true;
      })).isInstanceOf(Scroll.LostScrollException.class).hasMessageContaining(INDEX)
          .hasMessageContaining("run it again");
      assertThat(visits[0]).isEqualTo(Scroll.PAGE);
    }
  }

  private static StoreConnection connect(OpenSearchCluster cluster) throws IOException {
    return StoreConnection.open(StoreAddress.parse(cluster.httpUri() + "/it"), StoreAccess.NONE);
  }

  private static ObjectNode matchAll(StoreConnection connection) {
    ObjectNode body = connection.requests().object();
    body.putObject("query").putObject("match_all");
    body.putArray("sort").add("_doc");
    return body;
  }

  private static void clearEveryScroll(StoreConnection connection) throws IOException {
    connection.requests().delete("/_search/scroll/_all", null);
  }
}
