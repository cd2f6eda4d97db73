package org.smtptrail.cli.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.smtptrail.cli.render.RowFields;
import org.smtptrail.cli.render.StatsFields;
import org.smtptrail.engine.query.StatsReport;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.Evidence;
import org.smtptrail.engine.verdict.StatsGroup;

/**
 * The answers of a running {@code smtptrail serve}, over its JSON API ({@code --server URL}). The rows come back with
 * every field a local trace has, so the commands print the same. A wrong request (a bad time) is a usage error, as
 * it is locally; an unreachable server or a refused token is one line naming the URL.
 */
public final class ServerQueries implements Queries {
  /** Rows asked per request when every row is wanted ({@code --limit 0}): well under the server's cap. */
  static final int PAGE_WHEN_ALL = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** A stats pass over a large index takes a while; a hung server must not hang the command for ever. */
  private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(5);

  private final URI base;
  private final String token;
  private final HttpClient http;
  private int maxRows;

  /**
   * @param base  the server's URL, e.g. http://127.0.0.1:8025
   * @param token the bearer token, or null when the server needs none
   */
  public ServerQueries(URI base, String token) {
    this.base = base;
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * A page of rows. The server answers at most {@code serve --max-rows} rows at once, so a larger page (or every row,
   * for limit 0) is put together from the server's pages: their size divides the limit, so they tile the asked rows.
   */
  @Override
  public TracePage trace(TraceQuery query) throws IOException {
    int most = maxRows();
    if (query.limit() == 0) {
      int size = Math.min(PAGE_WHEN_ALL, most);
      List<DeliveryRow> all = new ArrayList<>();
      TracePage page;
      int number = 1;
      do {
        page = tracePage(query, size, number++);
        all.addAll(page.rows());
      } while (page.more());
      return new TracePage(all, false);
    }
    if (query.offset() % query.limit() != 0) {
      throw new IllegalArgumentException("the server pages by --limit: offset " + query.offset()
          + " is not a multiple of " + query.limit());
    }
    int size = query.limit();
    while (size > most || query.limit() % size != 0) {
      size--;
    }
    List<DeliveryRow> rows = new ArrayList<>();
    TracePage page = null;
    for (int number = query.offset() / size + 1; rows.size() < query.limit(); number++) {
      page = tracePage(query, size, number);
      rows.addAll(page.rows());
      if (!page.more()) {
        break;
      }
    }
    return new TracePage(rows, page.more());
  }

  /** The most rows the server answers at once, asked once per command. */
  private int maxRows() throws IOException {
    if (maxRows == 0) {
      maxRows = Math.max(1, get("/api/session", Map.of()).path("max_rows").asInt(PAGE_WHEN_ALL));
    }
    return maxRows;
  }

  private TracePage tracePage(TraceQuery query, int limit, int page) throws IOException {
    Map<String, Object> parameters = filters(query);
    parameters.put("limit", limit);
    parameters.put("page", page);
    JsonNode answer = get("/api/trace", parameters);
    List<DeliveryRow> rows = new ArrayList<>();
    answer.path("rows").forEach(row -> rows.add(RowFields.row(row)));
    return new TracePage(rows, answer.path("more").asBoolean());
  }

  private static Map<String, Object> filters(TraceQuery query) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("to", query.to());
    parameters.put("from", query.from());
    parameters.put("domain", query.domain());
    parameters.put("message_id", query.messageId());
    parameters.put("id", query.id());
    parameters.put("since", query.since());
    parameters.put("until", query.until());
    parameters.put("status", query.status());
    return parameters;
  }

  @Override
  public Optional<DeliveryRow> check(String to, String messageId, Instant since) throws IOException {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("to", to);
    parameters.put("message_id", messageId);
    parameters.put("since", since);
    JsonNode row = get("/api/check", parameters).path("row");
    return row.isObject() ? Optional.of(RowFields.row(row)) : Optional.empty();
  }

  @Override
  public List<Evidence> events(String key) throws IOException {
    String path = "/api/events/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    List<Evidence> lines = new ArrayList<>();
    for (JsonNode line : get(path, Map.of()).path("lines")) {
      lines.add(new Evidence(line.path("file").asText(), line.path("line").asLong(), line.path("text").asText()));
    }
    return lines;
  }

  @Override
  public StatsReport stats(Instant since, Instant until, StatsGroup by) throws IOException {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("since", since);
    parameters.put("until", until);
    parameters.put("by", by);
    List<JsonNode> lines = new ArrayList<>();
    get("/api/stats", parameters).path("stats").forEach(lines::add);
    return StatsFields.report(by, lines);
  }

  /** GETs a path with these query parameters (null ones left out) and reads the JSON answer. */
  private JsonNode get(String path, Map<String, Object> parameters) throws IOException {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    parameters.forEach((name, value) -> {
      if (value != null) {
        query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
      }
    });
    URI uri = base.resolve(path + query);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(ANSWER_TIMEOUT)
        .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException | HttpConnectTimeoutException unreachable) {
      throw new IOException("cannot reach the smtptrail server at " + base + ": " + reason(unreachable));
    } catch (HttpTimeoutException slow) {
      throw new IOException("the smtptrail server at " + base + " did not answer within "
          + ANSWER_TIMEOUT.toMinutes() + " minutes");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + base, e);
    }
    return answer(response);
  }

  private JsonNode answer(HttpResponse<String> response) throws IOException {
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException notJson) {
      throw new IOException("the server at " + base + " answered " + response.statusCode()
          + " with something other than JSON: is it smtptrail serve?");
    }
    int status = response.statusCode();
    String error = body.path("error").asText("");
    return switch (status) {
      case 200 -> body;
      case 400 -> throw new IllegalArgumentException(error);
      case 404 -> body; // an unknown message key: no lines
      case 401 -> throw new IOException("the smtptrail server at " + base + " refused the request (401): "
          + (token == null ? "it needs a token: --token-file FILE or SMTPTRAIL_TOKEN" : "wrong token"));
      default -> throw new IOException("the smtptrail server at " + base + " answered " + status
          + (error.isEmpty() ? "" : ": " + error));
    };
  }

  private static String reason(Exception e) {
    return e.getMessage() == null || e.getMessage().isBlank()
        ? e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT)
        : e.getMessage();
  }

  @Override
  public void close() {
    http.close();
  }
}
