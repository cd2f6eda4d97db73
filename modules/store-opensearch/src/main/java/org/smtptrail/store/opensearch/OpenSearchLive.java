package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.engine.InterruptibleWait;
import org.smtptrail.engine.store.FreshView;
import org.smtptrail.engine.store.LiveFigures;
import org.smtptrail.engine.store.LiveStore;

/**
 * The OpenSearch store as {@code serve} reads it. There is no view to hold: every request searches the cluster,
 * which makes new writes searchable by itself (its refresh interval) and at every agent's commit; a request of
 * {@code serve --tail} first waits, briefly, for this process's writer to send and refresh what it read. Requests
 * share one connection and fail at once when the cluster does not answer (a reader never waits a fault out), or
 * when it has not answered within the request's time budget ({@link StoreRequests#within}).
 */
final class OpenSearchLive implements LiveStore {
  /** The longest a request waits for the writer of this process to take in what was written before it came. */
  private static final Duration FRESHNESS_WAIT = Duration.ofSeconds(1);

  private final StoreConnection connection;
  private final FreshView writerView;
  private final String events;
  private final String rows;
  private volatile long version = -1;
  private volatile Instant refreshed;

  OpenSearchLive(StoreConnection connection, FreshView writerView) {
    this.connection = connection;
    this.writerView = writerView;
    this.events = connection.names().readAlias(DocumentKind.EVENTS);
    this.rows = connection.names().readAlias(DocumentKind.ROWS);
  }

  /** Checks whether any agent wrote since the last call: the count of write operations on the store's indices. */
  @Override
  public boolean refresh() throws IOException {
    JsonNode stats = connection.requests().getOrNull("/" + events + "," + rows + "/_stats/indexing");
    JsonNode indexing = stats == null ? null : stats.path("_all").path("primaries").path("indexing");
    long now = indexing == null ? -1 : indexing.path("index_total").asLong() + indexing.path("delete_total").asLong();
    refreshed = Instant.now();
    boolean changed = now != version;
    version = now;
    return changed;
  }

  @Override
  public Optional<OpenSearchReader> acquire() {
    return Optional.of(new OpenSearchReader(connection, false, null));
  }

  @Override
  public Optional<OpenSearchReader> acquire(Duration budget) throws IOException {
    StoreRequests withinBudget = connection.requests().within(budget); // the wait below is part of the budget
    if (writerView != null && !writerView.closed()) {
      Duration wait = budget.compareTo(FRESHNESS_WAIT) < 0 ? budget : FRESHNESS_WAIT;
      InterruptibleWait.await("waiting for the tail to take in new lines", () -> writerView.awaitFresh(wait));
    }
    return Optional.of(new OpenSearchReader(connection, withinBudget, false, null));
  }

  @Override
  public LiveFigures figures() throws IOException {
    if (version < 0) {
      refresh();
    }
    if (version < 0) {
      return LiveFigures.NONE;
    }
    try (OpenSearchReader reader = new OpenSearchReader(connection, false, null)) {
      Instant asOf = writerView != null && !writerView.closed() ? writerView.refreshed() : refreshed;
      return new LiveFigures(version, reader.eventCount(), unparsed(), asOf);
    }
  }

  /** The events of lines no parser could read: each is a document of its own. */
  private long unparsed() throws IOException {
    ObjectNode body = connection.requests().object();
    body.putObject("query").putObject("term").put(EventFields.KIND, Unparsed.class.getSimpleName());
    JsonNode answer = connection.requests().postOrNull("/" + events + "/_count", Map.of(), body);
    return answer == null ? 0 : answer.path("count").asLong();
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
