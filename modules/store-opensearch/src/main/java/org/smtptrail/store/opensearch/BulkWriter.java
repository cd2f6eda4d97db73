package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

/**
 * Sends the store's documents through the {@code _bulk} API in requests of a bounded size, in the order they were
 * added, and deletes the rows a replacement left over once the request that replaced them was acknowledged. Thread
 * safe: the index worker adds, and a commit on another thread may flush meanwhile.
 *
 * <p>A message's rows are written under ids of their own ({@link DocumentIds#row}), so writing them again overwrites
 * them; what a replacement must still delete are the positions the message no longer has, and its rows in another
 * month's index (its first event moved earlier). Those are deleted after the bulk, for every replaced message of the
 * request at once: a refresh, so that the search sees every row written before, then one search for the replaced
 * keys' rows that are not among their new ones, deleted by id in a bulk request.
 */
final class BulkWriter {
  /** Documents per request: a few megabytes of events, the size OpenSearch's guidance starts from. */
  static final int MAX_DOCUMENTS = 2000;
  /** Replaced messages per delete-by-query (each is a clause: well below the 1024 clauses a bool takes). */
  private static final int KEYS_PER_DELETE = 200;

  private final StoreConnection connection;
  private final List<BulkOperation> pending = new ArrayList<>();
  /** The messages whose rows the pending request replaces, with their new rows (the last replacement wins). */
  private final Map<String, List<OpenSearchWrite.Document>> replaced = new LinkedHashMap<>();
  private long documentsSent;
  private long requestsSent;

  BulkWriter(StoreConnection connection) {
    this.connection = connection;
  }

  synchronized void add(OpenSearchWrite.Document document) throws IOException {
    pending.add(BulkOperation.of(op -> op.index(index -> index.index(document.index()).id(document.id())
        .document(document.source()))));
    if (pending.size() >= MAX_DOCUMENTS) {
      flush();
    }
  }

  /** Writes a message's rows; with {@code replacing}, its other rows are deleted after the request is acknowledged. */
  synchronized void replaceRows(String key, List<OpenSearchWrite.Document> rows, boolean replacing)
      throws IOException {
    if (replacing) {
      replaced.put(key, rows);
    }
    for (OpenSearchWrite.Document row : rows) {
      pending.add(BulkOperation.of(op -> op.index(index -> index.index(row.index()).id(row.id())
          .document(row.source()))));
    }
    if (pending.size() >= MAX_DOCUMENTS) {
      flush();
    }
  }

  /** Sends what is pending and waits for OpenSearch to acknowledge every document of it. */
  synchronized void flush() throws IOException {
    if (!pending.isEmpty()) {
      List<BulkOperation> request = List.copyOf(pending);
      pending.clear();
      send(request);
    }
    if (!replaced.isEmpty()) {
      Map<String, List<OpenSearchWrite.Document>> leftOvers = new LinkedHashMap<>(replaced);
      replaced.clear();
      deleteLeftOverRows(leftOvers);
    }
  }

  /** Forgets what was not sent (a writer closed without committing). */
  synchronized void discard() {
    pending.clear();
    replaced.clear();
  }

  synchronized long documentsSent() {
    return documentsSent;
  }

  synchronized long requestsSent() {
    return requestsSent;
  }

  /**
   * Sends a request until OpenSearch has acknowledged every document of it. While the cluster is unreachable or
   * answers that it is busy (the whole request, or some of its documents: 429 from a full write queue, 503 from a
   * shard not yet allocated), the whole request is sent again after a wait ({@link StoreRetries}): every document
   * has its id, so what was written already is overwritten with itself, and a document written twice in the request
   * ends as the later one. A document refused for any other reason (a mapping conflict) fails the request at once,
   * naming the document and OpenSearch's reason, which names the field.
   */
  private void send(List<BulkOperation> request) throws IOException {
    connection.retries().call("bulk write of " + request.size() + " documents", () -> {
      BulkResponse response;
      try {
        response = connection.client().bulk(bulk -> bulk.operations(request));
      } catch (org.opensearch.client.opensearch._types.OpenSearchException refused) {
        throw new StoreRequestException("bulk write to " + connection.address() + " refused: "
            + refused.getMessage(), refused.status(), refused);
      } catch (StoreRequestException refused) {
        throw refused;
      } catch (IOException e) {
        throw StoreRetries.passes(e) ? connection.requests().unreachable(e) : e;
      }
      if (response.errors()) {
        throw refusedDocuments(request.size(), response.items());
      }
      return response;
    });
    requestsSent++;
    documentsSent += request.size();
  }

  /**
   * The refusal of some documents of a request: the first refused for good when there is one (the request fails),
   * else the first refused for now, with its status (the request is sent again).
   */
  private StoreRequestException refusedDocuments(int size, List<BulkResponseItem> items) {
    int failed = 0;
    BulkResponseItem forGood = null;
    BulkResponseItem forNow = null;
    for (BulkResponseItem item : items) {
      if (item.error() != null) {
        failed++;
        if (StoreRetries.passes(item.status())) {
          forNow = forNow == null ? item : forNow;
        } else {
          forGood = forGood == null ? item : forGood;
        }
      }
    }
    BulkResponseItem first = forGood != null ? forGood : forNow;
    return new StoreRequestException(failed + " of " + size + " documents were refused by "
        + connection.address() + "; the first, " + first.id() + " in " + first.index() + ": "
        + first.error().type() + ": " + first.error().reason()
        + (first.error().causedBy() == null ? "" : " (" + first.error().causedBy().reason() + ")"),
        first.status(), null);
  }

  /** Deletes, for each replaced message, every row that is not one of its new rows in its new rows' index. */
  private void deleteLeftOverRows(Map<String, List<OpenSearchWrite.Document>> leftOvers) throws IOException {
    String rows = connection.names().pattern(DocumentKind.ROWS);
    refresh(rows); // the search below must see every row written before
    List<Map.Entry<String, List<OpenSearchWrite.Document>>> entries = new ArrayList<>(leftOvers.entrySet());
    for (int from = 0; from < entries.size(); from += KEYS_PER_DELETE) {
      ObjectNode query = connection.requests().object();
      ObjectNode bool = query.putObject("bool");
      ArrayNode should = bool.putArray("should");
      for (Map.Entry<String, List<OpenSearchWrite.Document>> message
          : entries.subList(from, Math.min(entries.size(), from + KEYS_PER_DELETE))) {
        should.add(leftOversOf(message.getKey(), message.getValue()));
      }
      bool.put("minimum_should_match", 1);
      deleteFound(rows, query);
    }
  }

  /**
   * Deletes every document of {@code indices} matching {@code query} as it is searchable now, through the bulk API:
   * the ids found by a scroll, then deleted a request at a time. Not {@code _delete_by_query}: it belongs to the
   * reindex module, which a minimal distribution (the tests' integ-test-zip) does not have.
   *
   * @return how many documents were deleted
   */
  synchronized long deleteMatching(String indices, ObjectNode query) throws IOException {
    flush();
    refresh(indices);
    return deleteFound(indices, query);
  }

  private long deleteFound(String indices, ObjectNode query) throws IOException {
    ObjectNode search = connection.requests().object();
    search.set("query", query);
    search.putArray("sort").add("_doc");
    search.put("_source", false);
    List<BulkOperation> deletes = new ArrayList<>();
    long[] deleted = {0};
    // deleting by id twice is harmless: a scroll lost to a node's restart starts over instead of stopping the writer
    Scroll.eachAgainIfLost(connection.requests(), indices, search, hit -> {
      String index = hit.path("_index").asText();
      String id = hit.path("_id").asText();
      deletes.add(BulkOperation.of(op -> op.delete(delete -> delete.index(index).id(id))));
      if (deletes.size() >= MAX_DOCUMENTS) {
        send(List.copyOf(deletes));
        deleted[0] += deletes.size();
        deletes.clear();
      }
      return true;
    });
    if (!deletes.isEmpty()) {
      send(deletes);
      deleted[0] += deletes.size();
    }
    return deleted[0];
  }

  /** Makes what was written searchable; indices that do not exist (nothing written yet) are no error. */
  void refresh(String indices) throws IOException {
    connection.requests().postOrNull("/" + indices + "/_refresh", Map.of(), null);
  }

  private ObjectNode leftOversOf(String key, List<OpenSearchWrite.Document> kept) {
    ObjectNode clause = connection.requests().object();
    ObjectNode bool = clause.putObject("bool");
    bool.putArray("filter").add(RowQueries.term(RowFields.KEY, key));
    if (!kept.isEmpty()) {
      // the rows of a message all go to the same month's index (its first event's)
      ObjectNode same = connection.requests().object();
      ArrayNode both = same.putObject("bool").putArray("filter");
      ArrayNode ids = both.addObject().putObject("ids").putArray("values");
      kept.forEach(row -> ids.add(row.id()));
      both.add(RowQueries.term("_index", kept.get(0).index()));
      bool.putArray("must_not").add(same);
    }
    return clause;
  }
}
