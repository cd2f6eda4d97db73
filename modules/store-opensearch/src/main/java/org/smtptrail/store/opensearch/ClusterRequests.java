package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * The layout's requests as JSON, through the client's generic API: templates, mappings and policies are written as the
 * JSON OpenSearch documents them in (built by {@link StoreMappings} and the layout classes), and read back as JSON
 * trees, so that what is compared is exactly what was sent.
 */
final class ClusterRequests {
  private static final ObjectMapper JSON = StoreRequests.JSON;

  private final OpenSearchGenericClient generic;

  ClusterRequests(OpenSearchClient client) {
    this.generic = client.generic();
  }

  /** The answer to a GET, or null when it is 404 (no such template, index, alias or policy). */
  JsonNode getOrNull(String path) throws IOException {
    return send("GET", path, Map.of(), null, true);
  }

  JsonNode getOrNull(String path, Map<String, String> query) throws IOException {
    return send("GET", path, query, null, true);
  }

  JsonNode put(String path, JsonNode body) throws IOException {
    return send("PUT", path, Map.of(), body, false);
  }

  JsonNode put(String path, Map<String, String> query, JsonNode body) throws IOException {
    return send("PUT", path, query, body, false);
  }

  JsonNode post(String path, JsonNode body) throws IOException {
    return send("POST", path, Map.of(), body, false);
  }

  private JsonNode send(String method, String path, Map<String, String> query, JsonNode body, boolean missingIsNull)
      throws IOException {
    Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(path).query(query);
    if (body != null) {
      request.json(JSON.writeValueAsString(body));
    }
    try (Response response = generic.execute(request.build())) {
      String text = response.getBody().map(Body::bodyAsString).orElse("");
      if (response.getStatus() == 404 && missingIsNull) {
        return null;
      }
      if (response.getStatus() / 100 != 2) {
        throw new StoreLayoutException(method + " " + path + " answered " + response.getStatus() + ": "
            + StoreRequests.reason(text));
      }
      return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
    }
  }
}
