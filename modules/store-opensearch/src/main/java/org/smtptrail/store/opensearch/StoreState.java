package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * What the store says about itself, in a small index of its own ({@code <prefix>-state}, strict mapping, one shard):
 * the version of the rules its rows were decided by (what the local store keeps in its commit data), and when each
 * agent last committed (what the local store reads from its last commit's file time). Documents of their own rather
 * than a {@code _meta} of the templates: the layout compares those by fingerprint, and agents write these at every
 * commit.
 */
final class StoreState {
  static final String ROWS_VERSION = "rows_version";
  static final String COMMITTED = "committed";
  static final String AGENT = "agent";
  private static final String ROWS_DOC = "rows";

  private final StoreRequests requests;
  private final String index;

  StoreState(StoreConnection connection) {
    this.requests = connection.requests();
    this.index = connection.names().prefix() + "-state";
  }

  /** Creates the index when it is missing (another agent may create it in between: then it is there). */
  void ensure() throws IOException {
    if (requests.getOrNull("/" + index) != null) {
      return;
    }
    ObjectNode body = requests.object();
    body.putObject("settings").putObject("index").put("number_of_shards", 1).put("auto_expand_replicas", "0-1");
    ObjectNode mappings = body.putObject("mappings").put("dynamic", "strict");
    ObjectNode properties = mappings.putObject("properties");
    properties.putObject(ROWS_VERSION).put("type", "keyword");
    properties.putObject(AGENT).put("type", "keyword");
    properties.putObject(COMMITTED).put("type", "date").put("format", "epoch_millis");
    try {
      requests.put("/" + index, Map.of(), body);
    } catch (StoreRequestException e) {
      if (!e.getMessage().contains("resource_already_exists_exception")) {
        throw e;
      }
    }
  }

  /** The rules' version of the rows in the store, or null when no writer recorded one (or the store is new). */
  String rowsVersion() throws IOException {
    JsonNode doc = requests.getOrNull("/" + index + "/_doc/" + ROWS_DOC);
    return doc == null ? null : doc.path("_source").path(ROWS_VERSION).asText(null);
  }

  /** When this agent last committed, or null when it never did. */
  Instant committed(String agent) throws IOException {
    JsonNode doc = requests.getOrNull("/" + index + "/_doc/" + agentDoc(agent));
    JsonNode millis = doc == null ? null : doc.path("_source").path(COMMITTED);
    return millis == null || !millis.canConvertToLong() ? null : Instant.ofEpochMilli(millis.asLong());
  }

  /** Records a commit of this agent, and the rows' version when they are current. */
  void recordCommit(String agent, Instant when, String rowsVersion) throws IOException {
    ObjectNode commit = requests.object().put(AGENT, agent).put(COMMITTED, when.toEpochMilli());
    requests.put("/" + index + "/_doc/" + agentDoc(agent), Map.of("refresh", "true"), commit);
    if (rowsVersion != null) {
      requests.put("/" + index + "/_doc/" + ROWS_DOC, Map.of("refresh", "true"),
          requests.object().put(ROWS_VERSION, rowsVersion));
    }
  }

  private static String agentDoc(String agent) {
    return "commit-" + agent;
  }
}
