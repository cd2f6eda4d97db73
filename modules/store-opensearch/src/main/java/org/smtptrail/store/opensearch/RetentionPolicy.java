package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import org.smtptrail.store.opensearch.LayoutChange.Outcome;

/**
 * The retention policy: an Index State Management (ISM) policy that deletes each monthly index of both kinds once
 * every document in it is older than the retention. ISM is a plugin (opensearch-index-management), in OpenSearch's
 * full distribution but not in every cluster; without it the policy is skipped, with the reason, and nothing is
 * deleted.
 *
 * <p>ISM counts an index's age from its creation, and a monthly index is created when its month starts (or when a
 * month's first document arrives), then grows for up to 31 days; so it is deleted {@code retention + 31} days after
 * its creation: no document is deleted younger than the retention, and none is kept much more than a month longer.
 */
final class RetentionPolicy {
  /** The plugin's name in {@code _cat/plugins}. */
  static final String ISM_PLUGIN = "opensearch-index-management";
  /** The longest month: how long a monthly index keeps receiving documents after its creation. */
  static final int MONTH_DAYS = 31;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final System.Logger LOG = System.getLogger(RetentionPolicy.class.getName());

  private final ClusterRequests requests;
  private final IndexNames names;
  private final LayoutSettings settings;

  RetentionPolicy(ClusterRequests requests, IndexNames names, LayoutSettings settings) {
    this.requests = requests;
    this.names = names;
    this.settings = settings;
  }

  LayoutChange ensure() throws IOException {
    String id = names.retentionPolicy();
    String object = "retention policy " + id;
    if (!ismInstalled()) {
      String reason = "the cluster has no index management plugin (" + ISM_PLUGIN + "), so indices are not deleted"
          + " by the cluster after " + settings.retentionDays() + " days; run 'smtptrail store prune --older-than "
          + settings.retentionDays() + "d' daily, or install the plugin on every node and run store init again";
      LOG.log(System.Logger.Level.WARNING, object + " skipped: " + reason);
      return new LayoutChange(Outcome.SKIPPED, object, reason);
    }
    ObjectNode body = body();
    String path = "/_plugins/_ism/policies/" + id;
    JsonNode existing = requests.getOrNull(path);
    if (existing == null) {
      requests.put(path, body);
      return LayoutChange.of(Outcome.CREATED, object);
    }
    if (existing.path("policy").path("description").asText().equals(body.path("policy").path("description").asText())) {
      return LayoutChange.of(Outcome.UNCHANGED, object);
    }
    // ISM updates a policy only with the sequence number of the version it replaces
    requests.put(path, Map.of("if_seq_no", existing.path("_seq_no").asText(),
        "if_primary_term", existing.path("_primary_term").asText()), body);
    return LayoutChange.of(Outcome.UPDATED, object);
  }

  private boolean ismInstalled() throws IOException {
    JsonNode plugins = requests.getOrNull("/_cat/plugins", Map.of("format", "json"));
    if (plugins != null) {
      for (JsonNode plugin : plugins) {
        if (ISM_PLUGIN.equals(plugin.path("component").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The policy as sent: a "hot" state that moves to "delete" at the age above, and an ISM template that attaches it
   * to every new index of both kinds. Its fingerprint is in its description (ISM policies have no {@code _meta}).
   */
  ObjectNode body() {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode policy = body.putObject("policy");
    policy.put("description", "");
    policy.put("default_state", "hot");
    ArrayNode states = policy.putArray("states");
    ObjectNode hot = states.addObject().put("name", "hot");
    hot.putArray("actions");
    hot.putArray("transitions").addObject().put("state_name", "delete")
        .putObject("conditions").put("min_index_age", (settings.retentionDays() + MONTH_DAYS) + "d");
    ObjectNode delete = states.addObject().put("name", "delete");
    delete.putArray("actions").addObject().putObject("delete");
    delete.putArray("transitions");
    ObjectNode template = policy.putArray("ism_template").addObject();
    template.putArray("index_patterns").add(names.pattern(DocumentKind.EVENTS)).add(names.pattern(DocumentKind.ROWS));
    template.put("priority", IndexTemplates.PRIORITY);
    policy.put("description", "smtptrail: keeps every document at least " + settings.retentionDays()
        + " days, then deletes its monthly index (layout " + Fingerprints.of(body) + ")");
    return body;
  }
}
