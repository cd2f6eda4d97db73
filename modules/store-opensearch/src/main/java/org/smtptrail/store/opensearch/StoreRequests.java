package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Options;
import org.opensearch.client.transport.httpclient5.ResponseException;
import org.smtptrail.engine.store.TimeBudgetExceededException;

/**
 * The store's searches and housekeeping requests as JSON, through the official client's generic API: a query is
 * built as the JSON OpenSearch documents (term, terms, range, wildcard; never query_string, see {@link RowQueries}),
 * so what is sent is exactly what is read in the reference, and an answer is read as a JSON tree.
 */
final class StoreRequests {
  static final ObjectMapper JSON = new ObjectMapper();

  private final OpenSearchClient client;
  private final OpenSearchGenericClient generic;
  private final String nodes;
  private final StoreRetries retries;
  private final Deadline deadline;

  StoreRequests(OpenSearchClient client, String nodes, StoreRetries retries) {
    this(client, nodes, retries, null);
  }

  private StoreRequests(OpenSearchClient client, String nodes, StoreRetries retries, Deadline deadline) {
    this.client = client;
    this.generic = client.generic();
    this.nodes = nodes;
    this.retries = retries;
    this.deadline = deadline;
  }

  /**
   * These requests within a time budget (a request of {@code serve}): none is sent once it is spent, and one the
   * cluster has not answered by then is given up (its connection closed, which has OpenSearch cancel the search);
   * either way {@link TimeBudgetExceededException}, so a slow or hung cluster never holds a thread of the server.
   */
  StoreRequests within(Duration budget) {
    return new StoreRequests(client, nodes, retries, new Deadline(budget, System.nanoTime() + budget.toNanos()));
  }

  /** When the requests of one {@code serve} request must have their answers. */
  private record Deadline(Duration budget, long nanos) {
    long millisLeft() {
      return TimeUnit.NANOSECONDS.toMillis(nanos - System.nanoTime());
    }

    /** The client's options for the next request: no answer after what is left of the budget. */
    TransportOptions options() {
      long left = millisLeft();
      if (left <= 0) {
        throw new TimeBudgetExceededException(budget);
      }
      Timeout timeout = Timeout.ofMilliseconds(left);
      return ApacheHttpClient5Options.DEFAULT.toBuilder().setRequestConfig(RequestConfig.custom()
          .setResponseTimeout(timeout).setConnectionRequestTimeout(timeout).build()).build();
    }
  }

  OpenSearchClient client() {
    return client;
  }

  /** The answer, or null when OpenSearch answers 404 (no such index or alias: an empty store). */
  JsonNode getOrNull(String path) throws IOException {
    return getOrNull(path, Map.of());
  }

  /** As {@link #getOrNull(String)}, with query parameters. */
  JsonNode getOrNull(String path, Map<String, String> query) throws IOException {
    return send("GET", path, query, null, true);
  }

  /** The answer, or null when OpenSearch answers 404 (no such index or alias: an empty store). */
  JsonNode postOrNull(String path, Map<String, String> query, JsonNode body) throws IOException {
    return send("POST", path, query, body, true);
  }

  JsonNode post(String path, Map<String, String> query, JsonNode body) throws IOException {
    return send("POST", path, query, body, false);
  }

  JsonNode put(String path, Map<String, String> query, JsonNode body) throws IOException {
    return send("PUT", path, query, body, false);
  }

  JsonNode delete(String path, JsonNode body) throws IOException {
    return send("DELETE", path, Map.of(), body, true);
  }

  ObjectNode object() {
    return JSON.createObjectNode();
  }

  private JsonNode send(String method, String path, Map<String, String> query, JsonNode body, boolean missingIsNull)
      throws IOException {
    Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(path).query(query);
    if (body != null) {
      request.json(JSON.writeValueAsString(body));
    }
    OpenSearchGenericClient target = deadline == null ? generic : generic.withTransportOptions(deadline.options());
    String text = retries.call(method + " " + path, () -> answer(target, method, path, request, missingIsNull));
    return text == null ? null : text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
  }

  /** One attempt: the answer's text, or null for a 404 that means "none". */
  private String answer(OpenSearchGenericClient target, String method, String path, Requests.JsonBodyBuilder request,
      boolean missingIsNull) throws IOException {
    try (Response response = target.execute(request.build())) {
      String text = response.getBody().map(Body::bodyAsString).orElse("");
      if (response.getStatus() == 404 && missingIsNull) {
        return null;
      }
      if (response.getStatus() / 100 != 2) {
        throw refused(method, path, response.getStatus(), text, null);
      }
      return text;
    } catch (ResponseException refused) { // the transport's own answer to some statuses (502, 503, 504)
      throw refused(method, path, refused.status(), body(refused), refused);
    } catch (StoreRequestException refused) {
      throw refused;
    } catch (IOException e) {
      if (deadline != null && deadline.millisLeft() <= 0) {
        throw new TimeBudgetExceededException(deadline.budget());
      }
      ResponseException answered = answerIn(e);
      if (answered != null) { // the transport's own exception for a 401, with the answer inside
        throw refused(method, path, answered.status(), body(answered), e);
      }
      // no answer: refused, reset, closed or timed out; or a TLS handshake that failed
      throw StoreRetries.passes(e) || e instanceof SSLException ? unreachable(e) : e;
    }
  }

  /** The answer's body, which the transport's exception puts after a line of its own (method, host, status). */
  private static String body(ResponseException answered) {
    String message = answered.getMessage() == null ? "" : answered.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(newline + 1);
  }

  private static ResponseException answerIn(Throwable fault) {
    for (Throwable cause = fault; cause != null; cause = cause.getCause()) {
      if (cause instanceof ResponseException answered) {
        return answered;
      }
    }
    return null;
  }

  private StoreRequestException refused(String method, String path, int status, String text, Throwable cause) {
    String check = switch (status) {
      case 401 -> " (check the user and password, or the API key, of --store-credentials)";
      case 403 -> " (the store's user lacks a permission this request needs: docs/opensearch.md lists them)";
      default -> "";
    };
    return new StoreRequestException(method + " " + path + " on " + nodes + " answered " + status + ": "
        + reason(text) + check, status, cause);
  }

  /**
   * One line saying which cluster could not be reached and what to check; a certificate that is not trusted is said
   * as such (retrying would not change it).
   */
  StoreRequestException unreachable(Exception cause) {
    for (Throwable fault = cause; fault != null && !StoreRetries.passes(cause); fault = fault.getCause()) {
      if (fault instanceof SSLException tls) {
        return new StoreRequestException("OpenSearch at " + nodes + " could not be reached over TLS ("
            + firstLine(tls.getMessage()) + "): check that the URL's scheme is the node's, and give the CA that signed its"
            + " certificate with --store-ca FILE", cause);
      }
    }
    return new StoreRequestException("OpenSearch at " + nodes + " is unreachable (" + firstLine(cause.getMessage())
        + "): check the store URL and that the cluster is running", cause);
  }

  /** The client adds a line pointing at its troubleshooting page: an error here is one line. */
  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  /** OpenSearch's own words for a refusal (they name the field of a mapping conflict), else the whole answer. */
  static String reason(String text) {
    try {
      JsonNode error = JSON.readTree(text).path("error");
      if (error.hasNonNull("reason")) {
        JsonNode cause = error.path("root_cause").path(0);
        String root = cause.hasNonNull("reason") && !cause.path("reason").asText().equals(error.path("reason")
            .asText()) ? " (" + cause.path("reason").asText() + ")" : "";
        return error.path("type").asText() + ": " + error.path("reason").asText() + root;
      }
    } catch (IOException notJson) {
      // fall through to the text as it came
    }
    String line = text.replaceAll("\\s+", " ").strip(); // an error is one line
    return line.length() > 500 ? line.substring(0, 500) + "..." : line;
  }
}
