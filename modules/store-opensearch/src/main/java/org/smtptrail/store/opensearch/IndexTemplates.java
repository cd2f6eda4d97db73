package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.smtptrail.store.opensearch.LayoutChange.Outcome;

/**
 * The index template of each kind: every monthly index created by name (by the layout, or by a writer that writes to
 * a month that has no index yet) gets the kind's strict mapping, its shards and replicas, and joins the kind's read
 * alias, so the read alias always covers every month there is.
 */
final class IndexTemplates {
  /**
   * Above the priority of the catch-all templates clusters often have ({@code logs-*}, {@code *}): OpenSearch applies
   * only the highest-priority template that matches.
   */
  static final int PRIORITY = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClusterRequests requests;
  private final IndexNames names;
  private final LayoutSettings settings;

  IndexTemplates(ClusterRequests requests, IndexNames names, LayoutSettings settings) {
    this.requests = requests;
    this.names = names;
    this.settings = settings;
  }

  /** Whether the cluster has the kind's template, whatever its settings. */
  boolean exists(DocumentKind kind) throws IOException {
    return requests.getOrNull("/_index_template/" + names.template(kind)) != null;
  }

  /** Creates or updates the kind's template, unless it is already the one {@link #body} makes. */
  LayoutChange ensure(DocumentKind kind, ObjectNode mapping) throws IOException {
    String name = names.template(kind);
    ObjectNode body = body(kind, mapping);
    JsonNode existing = requests.getOrNull("/_index_template/" + name);
    JsonNode template = existing == null ? null : existing.path("index_templates").path(0).path("index_template");
    String object = "template " + name;
    if (template != null && Fingerprints.in(template).equals(Fingerprints.in(body))) {
      return LayoutChange.of(Outcome.UNCHANGED, object);
    }
    requests.put("/_index_template/" + name, body);
    return LayoutChange.of(existing == null ? Outcome.CREATED : Outcome.UPDATED, object);
  }

  /** The template as sent, its fingerprint in its {@code _meta} and the mapping's in the mapping's. */
  ObjectNode body(DocumentKind kind, ObjectNode mapping) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("index_patterns").add(names.pattern(kind));
    body.put("priority", PRIORITY);
    ObjectNode template = body.putObject("template");
    template.putObject("settings").putObject("index")
        .put("number_of_shards", settings.shards())
        .put("number_of_replicas", settings.replicas());
    template.putObject("aliases").putObject(names.readAlias(kind));
    template.set("mappings", withFingerprint(mapping));
    body.putObject("_meta").put(Fingerprints.META_KEY, Fingerprints.of(body));
    return body;
  }

  /** The mapping with its own fingerprint in its {@code _meta}: what an existing index's mapping is compared with. */
  static ObjectNode withFingerprint(ObjectNode mapping) {
    ObjectNode copy = mapping.deepCopy();
    copy.putObject("_meta").put(Fingerprints.META_KEY, Fingerprints.of(mapping));
    return copy;
  }
}
