package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.opensearch.client.opensearch._types.ShardSearchFailure;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.util.MissingRequiredPropertyException;
import org.junit.jupiter.api.Test;
import org.smtptrail.engine.store.StoreHealth;

/** Which faults a writer waits out, and how it counts them. */
class StoreRetriesTest {

  @Test
  void faultsWithoutAnAnswerPass() {
    assertThat(StoreRetries.passes(new ConnectException("Connection refused"))).isTrue();
    assertThat(StoreRetries.passes(new SocketException("Connection reset"))).isTrue();
    assertThat(StoreRetries.passes(new SocketTimeoutException("Read timed out"))).isTrue();
    assertThat(StoreRetries.passes(new ConnectionClosedException("Connection closed by peer"))).isTrue();
    assertThat(StoreRetries.passes(new StoreRequestException("unreachable", new ConnectException("refused"))))
        .isTrue();
  }

  @Test
  void busyAndNotReadyPassOtherRefusalsDoNot() {
    assertThat(StoreRetries.passes(new StoreRequestException("busy", 429, null))).isTrue();
    assertThat(StoreRetries.passes(new StoreRequestException("no cluster manager", 503, null))).isTrue();
    assertThat(StoreRetries.passes(new StoreRequestException("gateway", 502, null))).isTrue();
    assertThat(StoreRetries.passes(new StoreRequestException("strict mapping", 400, null))).isFalse();
    assertThat(StoreRetries.passes(new StoreRequestException("forbidden", 403, null))).isFalse();
    assertThat(StoreRetries.passes(new StoreRequestException("no status, no cause"))).isFalse();
    // an answer with a status says what happened, whatever the transport met on the way
    assertThat(StoreRetries.passes(new StoreRequestException("mapping", 400, new SocketException("reset"))))
        .isFalse();
    assertThat(StoreRetries.passes(new IOException("unreadable", new JsonParseException(null, "bad"))))
        .isFalse();
  }

  @Test
  void aBulkAnswerReportingAReplicasFailureUnreadablyPassesOtherMissingPropertiesDoNot() {
    // what the client throws for a bulk answer whose item reports a lost replica (opensearch-java issue 551)
    RuntimeException replicaLost = new RuntimeException("Missing required property 'ShardSearchFailure.shard'",
        new MissingRequiredPropertyException(ShardSearchFailure.builder(), "shard"));
    assertThat(StoreRetries.passes(replicaLost)).isTrue();
    assertThat(StoreRetries.passes(new RuntimeException("Missing required property 'BulkResponse.items'",
        new MissingRequiredPropertyException(new BulkResponse.Builder(), "items")))).isFalse();
  }

  @Test
  void aWriterWaitsOutFaultsThatPassAndCountsThem() throws IOException {
    StoreRetries retries = new StoreRetries("http://127.0.0.1:1");
    retries.retryPassingFaults();
    AtomicInteger attempts = new AtomicInteger();

    String answer = retries.call("a search", () -> {
      if (attempts.incrementAndGet() < 3) {
        throw new StoreRequestException("busy", 429, null);
      }
      return "done";
    });

    assertThat(answer).isEqualTo("done");
    assertThat(retries.health()).isEqualTo(new StoreHealth(2, 2, null));
  }

  @Test
  void otherFaultsAreThrownAtOnce() {
    StoreRetries retries = new StoreRetries("http://127.0.0.1:1");
    retries.retryPassingFaults();
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> retries.call("a bulk write", () -> {
      attempts.incrementAndGet();
      throw new StoreRequestException("strict_dynamic_mapping_exception: [x]", 400, null);
    })).hasMessageContaining("[x]");
    assertThat(attempts).hasValue(1);
    assertThat(retries.health()).isEqualTo(new StoreHealth(1, 0, null));
  }

  @Test
  void aReaderThrowsEveryFaultAtOnce() {
    StoreRetries retries = new StoreRetries("http://127.0.0.1:1");

    assertThatThrownBy(() -> retries.call("a search", () -> {
      throw new StoreRequestException("busy", 429, null);
    })).hasMessage("busy");
    assertThat(retries.health()).isEqualTo(new StoreHealth(1, 0, null));
  }
}
