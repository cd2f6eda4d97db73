package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.engine.store.FileWrites;
import org.smtptrail.engine.store.RowFacts;
import org.smtptrail.engine.store.StoreHealth;
import org.smtptrail.engine.store.StoreWrite;
import org.smtptrail.engine.store.StoreWriter;
import org.smtptrail.engine.store.WrittenSoFar;

/**
 * The writing side of the OpenSearch store. Documents go out through {@link BulkWriter} in the order applied, under
 * ids derived from their content ({@link DocumentIds}), so whatever is sent again overwrites itself. OpenSearch has
 * no rollback: what was sent and not committed stays, and a resumed read deletes it ({@link #deleteFrom}) as it does
 * in the local store for lines past a checkpoint. A commit waits for every document to be acknowledged (then in
 * OpenSearch's translog, durable), refreshes the indices so other processes see them, and records the commit.
 * Once open, a cluster that is unreachable or busy is waited for ({@link StoreRetries}): the index worker's writes,
 * and with them the reading, pause, and a commit returns (and the checkpoints are recorded) only after it answered.
 */
final class OpenSearchWriter implements StoreWriter {
  /**
   * Keys a writer expects to write; past it the filter answers "maybe" more often, which costs a search each, never a
   * wrong answer. 4 M keys at 1 % take about 5 MB.
   */
  private static final int EXPECTED_KEYS = 4 << 20;

  private final StoreConnection connection;
  private final StoreState state;
  private final String agent;
  private final Instant previousCommit;
  private final BulkWriter bulk;
  private final RowSources rowSources;
  /** Whether the store had no event when this writer opened: then a key it did not write has none either. */
  private final boolean startedEmpty;
  /** The keys this writer wrote events of; a "no" is certain, a "maybe" is asked of the cluster. */
  private final BloomFilter<CharSequence> written =
      BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), EXPECTED_KEYS, 0.01);
  private volatile boolean rowsCurrent;
  private OpenSearchView view;

  OpenSearchWriter(StoreConnection connection, String agent) throws IOException {
    this.connection = connection;
    this.state = new StoreState(connection);
    this.agent = agent;
    state.ensure();
    this.previousCommit = state.committed(agent);
    this.bulk = new BulkWriter(connection);
    this.rowSources = new RowSources(connection.names());
    try (OpenSearchReader reader = new OpenSearchReader(connection, false, null)) {
      this.startedEmpty = reader.eventCount() == 0;
    }
    // an empty store has rows for all (none) of its events; one with events has them when its version says so
    this.rowsCurrent = startedEmpty || RowFacts.RULES_VERSION.equals(state.rowsVersion());
    // open: from now on a cluster that goes away or is busy is waited for, not an error (a cluster not there at
    // start was said at once, above)
    connection.retries().retryPassingFaults();
  }

  @Override
  public Instant previousCommitTime() {
    return previousCommit;
  }

  @Override
  public boolean rowsCurrent() {
    return rowsCurrent;
  }

  @Override
  public void markRowsCurrent() {
    rowsCurrent = true;
  }

  @Override
  public FileWrites fileWrites(String fileId) {
    return new EventSources(connection.names(), fileId);
  }

  @Override
  public StoreWrite rows(String key, List<RowFacts> rows, boolean replacing) {
    return new OpenSearchWrite.ReplaceRows(key, rowSources.documents(key, rows), replacing);
  }

  @Override
  public void apply(StoreWrite write) throws IOException {
    switch ((OpenSearchWrite) write) {
      case OpenSearchWrite.AddEvents events -> addEvents(events.document());
      case OpenSearchWrite.ReplaceRows rows -> bulk.replaceRows(rows.key(), rows.rows(), rows.replacing());
    }
  }

  private void addEvents(OpenSearchWrite.Document document) throws IOException {
    String key = OpenSearchReader.text(document.source(), EventFields.KEY);
    if (key != null) {
      synchronized (written) {
        written.put(key);
      }
    }
    bulk.add(document);
  }

  @Override
  public void deleteAllRows() throws IOException {
    ObjectNode all = connection.requests().object();
    all.putObject("match_all");
    bulk.deleteMatching(connection.names().pattern(DocumentKind.ROWS), all);
    bulk.refresh(connection.names().pattern(DocumentKind.ROWS));
  }

  /**
   * {@inheritDoc} The documents of the file with an event at or after the offset are read (after everything sent is
   * made searchable), deleted, and those of their events read before the offset written again as one document per
   * message, as the local store does.
   */
  @Override
  public Set<String> deleteFrom(String fileId, long offset) throws IOException {
    bulk.flush();
    String events = connection.names().pattern(DocumentKind.EVENTS);
    bulk.refresh(events);
    ObjectNode atOrAfter = RowQueries.allOf(RowQueries.term(EventFields.FILE_ID, fileId), offsetAtLeast(offset));
    Map<String, List<LogEvent>> kept = new LinkedHashMap<>();
    ObjectNode search = connection.requests().object();
    search.set("query", atOrAfter);
    search.putArray("sort").add("_doc");
    search.putObject("_source").putArray("includes").add(EventFields.KEY).add(EventFields.EVENT);
    int[] documents = {0};
    Scroll.each(connection.requests(), events, search, hit -> {
      documents[0]++;
      String key = OpenSearchReader.text(hit.path("_source"), EventFields.KEY);
      if (key != null) { // an event of no message: nothing to keep, no rows to decide again
        List<LogEvent> before = kept.computeIfAbsent(key, k -> new ArrayList<>());
        for (LogEvent event : OpenSearchReader.eventsIn(hit.path("_source"))) {
          if (event.header().source().byteOffset() < offset) {
            before.add(event);
          }
        }
      }
      return true;
    });
    if (documents[0] == 0) {
      return Set.of();
    }
    bulk.deleteMatching(events, atOrAfter);
    EventSources sources = new EventSources(connection.names(), fileId);
    for (Map.Entry<String, List<LogEvent>> message : kept.entrySet()) {
      if (!message.getValue().isEmpty()) {
        addEvents(sources.document(message.getKey(), message.getValue()));
      }
    }
    return kept.keySet();
  }

  private ObjectNode offsetAtLeast(long offset) {
    ObjectNode query = connection.requests().object();
    query.putObject("range").putObject(EventFields.OFFSET).put("gte", offset);
    return query;
  }

  /**
   * {@inheritDoc} Sends what is pending and refreshes both kinds' indices: two round trips and a refresh, which makes
   * OpenSearch write a new segment, so asked for once per flush of the write path, not per message.
   */
  @Override
  public WrittenSoFar writtenSoFar() throws IOException {
    sendAndRefresh();
    return new OpenSearchReader(connection, false, this::knownWithoutSearch);
  }

  /**
   * Whether a message has events, when that is known without a search: a key this writer never wrote, in a store
   * that was empty when it opened, has none (the write path asks for every new message: a search each would cost a
   * round trip per message).
   */
  private Boolean knownWithoutSearch(String key) {
    synchronized (written) {
      return startedEmpty && !written.mightContain(key) ? Boolean.FALSE : null;
    }
  }

  private void sendAndRefresh() throws IOException {
    bulk.flush();
    bulk.refresh(connection.names().pattern(DocumentKind.EVENTS) + ","
        + connection.names().pattern(DocumentKind.ROWS));
  }

  @Override
  public synchronized OpenSearchView freshView() {
    if (view == null) {
      view = new OpenSearchView(this::sendAndRefresh);
    }
    return view;
  }

  /**
   * {@inheritDoc} Every document sent and acknowledged (OpenSearch writes it to its translog before it answers), the
   * indices refreshed, then the commit recorded with the rows' version.
   */
  @Override
  public void commit() throws IOException {
    sendAndRefresh();
    state.recordCommit(agent, Instant.now(), rowsCurrent ? RowFacts.RULES_VERSION : null);
  }

  /** {@inheritDoc} Every request of this writer counts, the searches of its reads back included. */
  @Override
  public StoreHealth health() {
    return connection.retries().health();
  }

  /** Closes without committing; documents already sent stay (a resumed read deletes them, see the class comment). */
  @Override
  public void close() throws IOException {
    try {
      synchronized (this) {
        if (view != null) {
          view.close();
        }
      }
      bulk.discard();
    } finally {
      connection.close();
    }
  }

  /** Documents sent so far, and in how many bulk requests (for a summary or a benchmark). */
  String sentSoFar() {
    return bulk.documentsSent() + " documents in " + bulk.requestsSent() + " bulk requests";
  }
}
