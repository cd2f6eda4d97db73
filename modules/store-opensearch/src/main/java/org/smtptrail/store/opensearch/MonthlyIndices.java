package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.smtptrail.store.opensearch.LayoutChange.Outcome;

/**
 * The monthly indices of a kind: this month's index exists, the write alias is on it (and on no other), and every
 * existing month has the kind's current mapping. A template change reaches only indices created after it, so the
 * fields a new version adds are put on the existing months too (adding fields is allowed; changing a field's type is
 * not, and OpenSearch's refusal names the field).
 *
 * <p>Months instead of one index: retention deletes whole months, and a month's index stops growing when it ends.
 * Not a data stream: a data stream only appends, and the store overwrites a document by its id (a replay after a
 * crash, a row whose message changed).
 */
final class MonthlyIndices {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClusterRequests requests;
  private final IndexNames names;

  MonthlyIndices(ClusterRequests requests, IndexNames names) {
    this.requests = requests;
    this.names = names;
  }

  List<LayoutChange> ensure(DocumentKind kind, ObjectNode mapping, Instant now) throws IOException {
    List<LayoutChange> changes = new ArrayList<>();
    String current = names.monthly(kind, now);
    changes.add(ensureIndex(current));
    changes.addAll(ensureMappings(kind, IndexTemplates.withFingerprint(mapping)));
    changes.add(ensureWriteAlias(kind, current));
    return changes;
  }

  private LayoutChange ensureIndex(String index) throws IOException {
    String object = "index " + index;
    if (requests.getOrNull("/" + index) != null) {
      return LayoutChange.of(Outcome.UNCHANGED, object);
    }
    try {
      requests.put("/" + index, JSON.createObjectNode()); // the template gives it everything
      return LayoutChange.of(Outcome.CREATED, object);
    } catch (StoreLayoutException e) {
      if (e.getMessage().contains("resource_already_exists_exception")) {
        // another agent's store init, or a writer, created it in between
        return LayoutChange.of(Outcome.UNCHANGED, object);
      }
      throw e;
    }
  }

  private List<LayoutChange> ensureMappings(DocumentKind kind, ObjectNode mapping) throws IOException {
    List<LayoutChange> changes = new ArrayList<>();
    JsonNode indices = requests.getOrNull("/" + names.pattern(kind) + "/_mapping");
    String wanted = Fingerprints.in(mapping);
    int unchanged = 0;
    for (Map.Entry<String, JsonNode> index : indices == null ? List.<Map.Entry<String, JsonNode>>of()
        : indices.properties()) {
      if (Fingerprints.in(index.getValue().path("mappings")).equals(wanted)) {
        unchanged++;
        continue;
      }
      requests.put("/" + index.getKey() + "/_mapping", mapping);
      changes.add(LayoutChange.of(Outcome.UPDATED, "mapping of index " + index.getKey()));
    }
    if (changes.isEmpty()) {
      changes.add(new LayoutChange(Outcome.UNCHANGED, "mappings of " + names.pattern(kind),
          unchanged + (unchanged == 1 ? " index" : " indices")));
    }
    return changes;
  }

  /** Puts the write alias on this month's index alone, moving it in one step from the month before. */
  private LayoutChange ensureWriteAlias(DocumentKind kind, String current) throws IOException {
    String alias = names.writeAlias(kind);
    String object = "write alias " + alias;
    JsonNode holders = requests.getOrNull("/_alias/" + alias);
    List<String> others = new ArrayList<>();
    boolean onCurrent = false;
    if (holders != null) {
      for (Map.Entry<String, JsonNode> holder : holders.properties()) {
        if (holder.getKey().equals(current)
            && holder.getValue().path("aliases").path(alias).path("is_write_index").asBoolean(false)) {
          onCurrent = true;
        } else {
          others.add(holder.getKey());
        }
      }
    }
    if (onCurrent && others.isEmpty()) {
      return new LayoutChange(Outcome.UNCHANGED, object, "on " + current);
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode actions = body.putArray("actions");
    for (String other : others) {
      actions.addObject().putObject("remove").put("index", other).put("alias", alias);
    }
    actions.addObject().putObject("add").put("index", current).put("alias", alias).put("is_write_index", true);
    requests.post("/_aliases", body);
    if (holders == null) {
      return new LayoutChange(Outcome.CREATED, object, "on " + current);
    }
    return new LayoutChange(Outcome.UPDATED, object, others.isEmpty() ? "made " + current + " its write index"
        : "moved from " + String.join(", ", others) + " to " + current);
  }
}
