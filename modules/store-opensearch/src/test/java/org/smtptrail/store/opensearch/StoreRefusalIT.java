package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.store.StoreHealth;
import org.smtptrail.engine.store.StoreWriter;

/**
 * A cluster that answers "not now" is waited for; one that refuses a document for good fails the write at once and
 * says why, naming the field. The 429 is OpenSearch's own: the block it puts on an index when its disk passes the
 * flood-stage watermark ({@code index.blocks.read_only_allow_delete}, "TOO_MANY_REQUESTS/12"), set here on the
 * test's indices by hand and lifted as the cluster does once disk is freed.
 */
@ExtendWith(SharedOpenSearch.class)
class StoreRefusalIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void writesRefusedForNowAreSentAgainUntilTheClusterTakesThem(OpenSearchCluster cluster, @TempDir Path folders)
      throws Exception {
    OpenSearchStore store = OpenSearchStore.of(cluster.httpUri() + "/it-busy");
    IndexNames names = new IndexNames("it-busy");
    String blocked = names.pattern(DocumentKind.EVENTS) + "," + names.pattern(DocumentKind.ROWS) + ",it-busy-state";
    try (StoreWriter writer = store.openWriter(new DataDirectory(folders.resolve("agent")))) {
      writer.apply(events(names, "before", null, null));
      writer.commit();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread commit;
      try {
        putSettings(cluster.httpUri(), blocked, "{\"index.blocks.read_only_allow_delete\": true}");
        commit = Thread.ofPlatform().name("it-commit").start(() -> {
          try {
            writer.apply(events(names, "during", null, null));
            writer.commit();
          } catch (Throwable e) {
            failure.set(e);
          }
        });
        Thread.sleep(2000);
        assertThat(commit.isAlive()).as("the commit, while the cluster refuses writes").isTrue();
        StoreHealth waiting = writer.health();
        assertThat(waiting.retries()).as("retries").isPositive();
        assertThat(waiting.waitingSince()).as("waiting since").isNotNull();
      } finally {
        putSettings(cluster.httpUri(), blocked, "{\"index.blocks.read_only_allow_delete\": null}");
      }
      commit.join(40_000);
      assertThat(commit.isAlive()).as("the commit, 40 s after the block was lifted").isFalse();
      assertThat(failure.get()).as("the commit's failure").isNull();
      assertThat(writer.health().waitingSince()).isNull();
    }
    String alias = names.readAlias(DocumentKind.EVENTS);
    cluster.client().indices().refresh(refresh -> refresh.index(alias));
    assertThat(cluster.client().count(count -> count.index(alias)).count()).as("event documents").isEqualTo(2);
  }

  @Test
  void aFieldTheMappingDoesNotHaveFailsTheWriteAtOnceAndIsNamed(OpenSearchCluster cluster, @TempDir Path folders)
      throws IOException {
    OpenSearchStore store = OpenSearchStore.of(cluster.httpUri() + "/it-refused");
    IndexNames names = new IndexNames("it-refused");
    try (StoreWriter writer = store.openWriter(new DataDirectory(folders.resolve("agent")))) {
      writer.apply(events(names, "unknown-field", "smtptrail.not_in_the_mapping", "x"));

      assertThatThrownBy(writer::commit).isInstanceOf(StoreRequestException.class)
          .hasMessageContaining("strict_dynamic_mapping_exception")
          .hasMessageContaining("not_in_the_mapping")
          .hasMessageContaining(cluster.httpUri().toString());
      assertThat(writer.health().retries()).as("retries").isZero();
    }
  }

  @Test
  void aValueOfTheWrongTypeFailsTheWriteAtOnceAndNamesTheField(OpenSearchCluster cluster, @TempDir Path folders)
      throws IOException {
    OpenSearchStore store = OpenSearchStore.of(cluster.httpUri() + "/it-refused");
    IndexNames names = new IndexNames("it-refused");
    try (StoreWriter writer = store.openWriter(new DataDirectory(folders.resolve("agent")))) {
      writer.apply(events(names, "wrong-type", EventFields.EVENT_COUNT, "many"));

      assertThatThrownBy(writer::commit).isInstanceOf(StoreRequestException.class)
          .hasMessageContaining("mapper_parsing_exception")
          .hasMessageContaining("[" + EventFields.EVENT_COUNT + "]");
      assertThat(writer.health().retries()).as("retries").isZero();
    }
  }

  /** A document of events of its own (a key and a file), with one more field when {@code field} is not null. */
  private static OpenSearchWrite.AddEvents events(IndexNames names, String id, String field, String value) {
    ObjectNode source = StoreRequests.JSON.createObjectNode()
        .put(EventFields.KEY, "postfix:mx1:" + id)
        .put(EventFields.FILE_ID, "a-file")
        .put(EventFields.EVENT_COUNT, 1);
    if (field != null) {
      source.put(field, value);
    }
    return new OpenSearchWrite.AddEvents(
        new OpenSearchWrite.Document(names.monthly(DocumentKind.EVENTS, Instant.now()), id, source));
  }

  private static void putSettings(URI node, String indices, String settings)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(node.resolve("/" + indices + "/_settings"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(settings)).build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("settings answer: %s", response.body()).isEqualTo(200);
  }
}
