package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON API of {@code serve} on a real server over an index of every sample log: each endpoint answers what the
 * matching command prints with {@code --format json}, bad requests are a 400 with a one-line JSON error, markup in
 * the logs never leaves the server as markup, and {@code /metrics} is Prometheus text with the index's figures.
 */
class ServeApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  private static ServedIndex served;
  private static String data;

  @BeforeAll
  static void serveTheSamples() throws IOException {
    data = temp.resolve("data").toString();
    served = ServedIndex.samples(temp, ServedIndex.settings());
  }

  @AfterAll
  static void stop() throws IOException {
    served.close();
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    return JSON.readTree(response.body());
  }

  private static JsonNode ok(String pathAndQuery) throws IOException {
    HttpResponse<String> response = served.get(pathAndQuery);
    assertThat(response.statusCode()).as("%s: %s", pathAndQuery, response.body()).isEqualTo(200);
    return json(response);
  }

  private static List<JsonNode> cliJson(String... args) {
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(List.of("--data", data, "--format", "json"));
    CliRun run = CliRun.of(command.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.jsonLines();
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  @Test
  void traceAnswersTheRowsTraceFormatJsonPrints() throws IOException {
    JsonNode page = ok("/api/trace?domain=example.net&limit=20");
    assertThat(list(page.get("rows"))).hasSize(20)
        .isEqualTo(cliJson("trace", "--domain", "example.net", "--limit", "20"));
    assertThat(page.get("more").asBoolean()).isTrue();
    assertThat(page.get("page").asInt()).isEqualTo(1);
    JsonNode second = ok("/api/trace?domain=example.net&limit=20&page=2");
    assertThat(list(second.get("rows"))).isEqualTo(cliJson("trace", "--domain", "example.net", "--limit", "20",
        "--page", "2"));
    assertThat(list(ok("/api/trace?to=ALICE@accept.example.net").get("rows")))
        .isEqualTo(cliJson("trace", "--to", "alice@accept.example.net")).hasSize(2);
    assertThat(list(ok("/api/trace?status=deferred&since=2026-11-01&until=2027-01-01T00:00:00Z").get("rows")))
        .isNotEmpty()
        .isEqualTo(cliJson("trace", "--status", "DEFERRED", "--since", "2026-11-01", "--until",
            "2027-01-01T00:00:00Z"));
    assertThat(list(ok("/api/trace?from=mary@example.com&to=%40accept.example.net&limit=3").get("rows")))
        .isEqualTo(cliJson("trace", "--from", "mary@example.com", "--to", "@accept.example.net", "--limit", "3"));
    JsonNode none = ok("/api/trace?to=nobody@nowhere.example");
    assertThat(none.get("rows")).isEmpty();
    assertThat(none.get("more").asBoolean()).isFalse();
  }

  @Test
  void csvIsALineNamingTheFiltersThenWhatTraceFormatCsvPrints() throws IOException {
    HttpResponse<String> csv = served.get("/api/trace?domain=example.net&limit=10&format=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        value -> assertThat(value).startsWith("attachment"));
    CliRun cli = CliRun.of("trace", "--data", data, "--domain", "example.net", "--limit", "10", "--format", "csv");
    assertThat(cli.out()).startsWith("recipient,original_recipient,sender");
    assertThat(csv.body()).isEqualTo("\"# smtptrail trace --domain example.net --limit 10\"\n" + cli.out());
  }

  @Test
  void csvWithoutALimitIsEveryRowOfTheSearchBeyondMaxRows() throws IOException {
    // a server whose pages hold at most 5 rows still answers the whole search as CSV: no silent cap
    try (ServedIndex small = ServedIndex.start(Path.of(data), ServedIndex.settings(null, false, 5))) {
      HttpResponse<String> csv = small.get("/api/trace?domain=example.net&format=csv");
      assertThat(csv.statusCode()).isEqualTo(200);
      CliRun cli = CliRun.of("trace", "--data", data, "--domain", "example.net", "--limit", "0", "--format", "csv");
      assertThat(cli.out().lines().count()).as("more rows than one page holds").isGreaterThan(7);
      assertThat(csv.body()).isEqualTo("\"# smtptrail trace --domain example.net\"\n" + cli.out());
      // every row in the server's memory at once has a bound, ten pages (50 rows here), and the file says so
      assertThat(CliRun.of("trace", "--data", data, "--limit", "0", "--format", "csv").out().lines().count())
          .isGreaterThan(51);
      assertThat(small.get("/api/trace?format=csv").body()).isEqualTo("\"# smtptrail trace (only the newest 50 rows:"
          + " the search has more; narrow it, or run this command with --format csv --limit 0)\"\n"
          + CliRun.of("trace", "--data", data, "--limit", "50", "--format", "csv").out());
      assertThat(JSON.readTree(small.get("/api/session").body()).get("csv_rows").asInt()).isEqualTo(50);
    }
  }

  @Test
  void theFiltersLineOfTheCsvIsOneCellWhateverWasTyped() throws IOException {
    // a line break in a filter must not start a row of its own, and a quote must not end the cell
    HttpResponse<String> csv = served.get("/api/trace?to=x%0A%3Dcmd%7C%22%2Fc%22@example.net&format=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body().lines().findFirst()).hasValue(
        "\"# smtptrail trace --to x =cmd|\"\"/c\"\"@example.net\"");
    assertThat(csv.body().lines().skip(1).findFirst()).hasValueSatisfying(
        header -> assertThat(header).startsWith("recipient,"));
  }

  @Test
  void suggestionsAreTheIndexsAddressesWithThePrefixInOrderAndBounded() throws IOException {
    List<String> every = new ArrayList<>();
    for (JsonNode row : ok("/api/trace?limit=2000").get("rows")) {
      every.add(row.get("recipient").asText().toLowerCase(java.util.Locale.ROOT));
      if (!row.get("original_recipient").isNull()) {
        every.add(row.get("original_recipient").asText().toLowerCase(java.util.Locale.ROOT));
      }
    }
    for (String prefix : List.of("a", "ali", "k", "zz", "ken@refused.example.net")) {
      List<String> expected = every.stream().filter(a -> a.startsWith(prefix)).distinct().sorted().limit(10).toList();
      JsonNode answer = ok("/api/suggest?prefix=" + prefix.toUpperCase(java.util.Locale.ROOT));
      List<String> got = new ArrayList<>();
      answer.get("addresses").forEach(a -> got.add(a.asText()));
      assertThat(got).as(prefix).isEqualTo(expected);
    }
    assertThat(ok("/api/suggest?prefix=a&limit=2").get("addresses")).hasSize(2);
    assertThat(served.get("/api/suggest").statusCode()).isEqualTo(400);
    assertThat(served.get("/api/suggest?prefix=a&limit=51").statusCode()).isEqualTo(400);
    assertThat(served.get("/api/suggest?prefix=" + "a".repeat(300)).body()).contains("prefix");
  }

  @Test
  void totalsCountTheRowsOfTheSearchAsTraceListsThem() throws IOException {
    for (String filters : List.of("domain=example.net", "to=%40example.net", "from=mary@example.com", "",
        "to=alice@accept.example.net", "id=4A1B2C3D4E", "since=2026-11-23T09:34:00Z")) {
      JsonNode rows = ok("/api/trace?limit=2000&" + filters).get("rows");
      JsonNode totals = ok("/api/totals?" + filters);
      assertThat(totals.get("rows").asInt()).as(filters).isEqualTo(rows.size());
      assertThat(totals.get("complete").asBoolean()).isTrue();
      for (JsonNode line : totals.get("verdicts")) {
        long expected = list(rows).stream().filter(r -> r.get("verdict").asText().equals(line.get("verdict")
            .asText())).count();
        assertThat(line.get("rows").asLong()).as("%s %s", filters, line.get("verdict")).isEqualTo(expected);
      }
    }
    // the verdict filter narrows the rows but not the per-verdict counts, which the page offers to switch between
    JsonNode deferred = ok("/api/totals?domain=example.net&status=DEFERRED");
    JsonNode all = ok("/api/totals?domain=example.net");
    assertThat(deferred.get("verdicts")).isEqualTo(all.get("verdicts"));
    assertThat(deferred.get("rows").asInt()).isEqualTo(ok("/api/trace?limit=2000&domain=example.net&status=DEFERRED")
        .get("rows").size()).isLessThan(all.get("rows").asInt()).isPositive();
    assertThat(served.get("/api/totals?limit=5").statusCode()).isEqualTo(400);
    assertThat(served.get("/api/totals?since=yesterday").body()).contains("since").contains("is not a time");
  }

  @Test
  void checkAnswersTheLineAndTheExitCodeOfCheck() throws IOException {
    for (String to : List.of("alice@accept.example.net", "ken@refused.example.net", "hank@spam.example.net",
        "nobody@nowhere.example")) {
      JsonNode answer = ok("/api/check?to=" + to);
      CliRun check = CliRun.of("check", "--data", data, "--to", to);
      assertThat(answer.get("exit_code").asInt()).as(to).isEqualTo(check.exitCode());
      assertThat(answer.get("line").asText()).as(to).isEqualTo(check.out().lines().findFirst().orElseThrow());
      assertThat(answer.get("verdict").asText()).as(to).isEqualTo(check.out().split(" ")[0]);
    }
    assertThat(ok("/api/check?to=nobody@nowhere.example").get("row").isNull()).isTrue();
    assertThat(ok("/api/check?to=alice@accept.example.net").get("row"))
        .isEqualTo(cliJson("trace", "--to", "alice@accept.example.net", "--limit", "1").get(0));
  }

  @Test
  void checkOfAPatternAnswersWhatCheckPrintsForOneAndTheWorstExitCode() throws IOException {
    for (String to : List.of("@accept.example.net", "*@refused.example.net", "*@example.net", "@nowhere.example")) {
      JsonNode answer = ok("/api/check?to=" + to.replace("@", "%40"));
      CliRun check = CliRun.of("check", "--data", data, "--to", to);
      assertThat(answer.get("exit_code").asInt()).as(to).isEqualTo(check.exitCode());
      List<String> lines = new ArrayList<>();
      answer.get("lines").forEach(line -> lines.add(line.asText()));
      assertThat(lines).as(to).isEqualTo(check.out().lines().toList());
      assertThat(answer.get("line").asText()).isEqualTo(lines.get(0));
      assertThat(answer.get("complete").asBoolean()).isTrue();
      assertThat(answer.get("row").isNull()).isTrue();
    }
    assertThat(ok("/api/check?to=*%40example.net").get("verdict").asText()).isEqualTo("BOUNCED");
    assertThat(ok("/api/check?to=%40nowhere.example").get("verdict").asText()).isEqualTo("NO_RECORD");
  }

  @Test
  void eventsAreTheLinesEventsPrints() throws IOException {
    String key = cliJson("trace", "--to", "alice@accept.example.net").get(0).get("key").asText();
    JsonNode answer = ok("/api/events/" + key);
    List<String> lines = new ArrayList<>();
    answer.get("lines").forEach(line -> lines.add(line.get("file").asText() + ":" + line.get("line").asLong() + "  "
        + line.get("text").asText()));
    assertThat(lines).isNotEmpty().isEqualTo(CliRun.of("events", "--data", data, key).out().lines().toList());
    HttpResponse<String> unknown = served.get("/api/events/postfix:mx1:NOPE");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").asText()).isEqualTo("no events for key postfix:mx1:NOPE");
  }

  @Test
  void statsAreTheLinesStatsFormatJsonPrints() throws IOException {
    assertThat(list(ok("/api/stats").get("stats"))).isEqualTo(cliJson("stats"));
    JsonNode byDomain = ok("/api/stats?by=domain&since=2026-01-01");
    assertThat(byDomain.get("by").asText()).isEqualTo("domain");
    assertThat(list(byDomain.get("stats"))).hasSizeGreaterThan(2)
        .isEqualTo(cliJson("stats", "--by", "domain", "--since", "2026-01-01"));
  }

  @Test
  void badRequestsAreA400WithAOneLineJsonErrorAndTheServerGoesOn() throws IOException {
    for (String bad : List.of("/api/trace?bogus=1", "/api/trace?since=yesterday", "/api/trace?until=3x",
        "/api/trace?status=LOST", "/api/trace?limit=0", "/api/trace?limit=abc", "/api/trace?limit=99999",
        "/api/trace?page=0", "/api/trace?to=a@example.net&to=b@example.net", "/api/trace?format=xml",
        "/api/check", "/api/check?to=a@example.net&verbose=1", "/api/stats?by=planet",
        "/api/stats?since=2026-13-45", "/api/session?x=1", "/metrics?x=1", "/api/events/%20")) {
      HttpResponse<String> response = served.get(bad);
      assertThat(response.statusCode()).as("%s: %s", bad, response.body()).isEqualTo(400);
      assertThat(response.body()).as(bad).doesNotContain("\n").startsWith("{\"error\":\"");
      assertThat(json(response).get("error").asText()).as(bad).isNotBlank();
    }
    assertThat(json(served.get("/api/trace?since=yesterday")).get("error").asText())
        .startsWith("since: 'yesterday' is not a time").contains("2026-11-22");
    assertThat(json(served.get("/api/trace?bogus=1")).get("error").asText())
        .isEqualTo("unknown parameter 'bogus': /api/trace takes domain, format, from, id, limit, message_id, page,"
            + " since, status, to, until");
    String malformed = served.raw("GET /api/trace?to=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    // the JDK's HTTP server refuses a request line that is no URI before any handler runs, without echoing it
    assertThat(malformed).startsWith("HTTP/1.1 400 ").doesNotContain("%zz");
    assertThat(served.get("/api/trace?limit=1").statusCode()).as("still answering").isEqualTo(200);
    assertThat(served.log()).as("a bad request is no fault of the server").isEmpty();
  }

  @Test
  void unknownPathsAre404AndOtherMethods405() throws IOException {
    for (String path : List.of("/api/nope", "/api/tracex", "/nothing", "/assets/../index.html", "/assets/x.js")) {
      HttpResponse<String> response = served.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(json(response).get("error").asText()).as(path).isNotBlank();
    }
    HttpResponse<String> post = served.postForm("/api/trace", "to=a@example.net");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void markupInTheLogsAndInQueriesNeverLeavesTheServerAsMarkup() throws IOException {
    HttpResponse<String> trace = served.get("/api/trace?id=4A1B2C3D4E");
    assertThat(trace.body()).doesNotContain("<script").doesNotContain("<img").doesNotContain("</")
        .contains("\\u003Cscript\\u003E");
    List<JsonNode> rows = list(json(trace).get("rows"));
    assertThat(rows).extracting(row -> row.get("recipient").asText())
        .containsExactlyInAnyOrder(ServedIndex.SCRIPT_RECIPIENT, "bob@example.net");
    assertThat(rows).extracting(row -> row.get("reply").asText())
        .anyMatch(reply -> reply.contains("<img src=x onerror=alert(2)>"));
    String key = rows.get(0).get("key").asText();
    assertThat(served.get("/api/events/" + key).body()).doesNotContain("<script").doesNotContain("<img");
    HttpResponse<String> echoed = served.get("/api/trace?since=%3Cscript%3Ealert(3)%3C/script%3E");
    assertThat(echoed.statusCode()).isEqualTo(400);
    assertThat(echoed.body()).doesNotContain("<script").contains("\\u003Cscript\\u003Ealert(3)");
    assertThat(json(echoed).get("error").asText()).contains("<script>alert(3)</script>");
    HttpResponse<String> byRecipient = served.get("/api/check?to=%22%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%40"
        + "example.net");
    assertThat(json(byRecipient).get("verdict").asText()).isEqualTo("HANDED_OVER");
    assertThat(byRecipient.body()).doesNotContain("<script");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws IOException {
    for (String path : List.of("/", "/assets/app.js", "/api/trace?limit=1", "/api/nope", "/api/trace?x=1",
        "/metrics")) {
      HttpResponse<String> response = served.get(path);
      assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
          .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self'")
              .contains("script-src 'self'").contains("frame-ancestors 'none'"));
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
    }
    HttpResponse<String> page = served.get("/");
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<form id=\"search\"").contains("/assets/app.js")
        .doesNotContain("http://").doesNotContain("https://").doesNotContain("<script>");
  }

  @Test
  void metricsAreThePrometheusTextOfTheIndexAndTheRequests() throws IOException, InterruptedException {
    JsonNode byVerdict = ok("/api/stats?by=verdict");
    String metrics = awaitMetrics("smtptrail_index_rows{");
    HttpResponse<String> response = served.get("/metrics");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    Pattern line = Pattern.compile("(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})?"
        + " -?[0-9]+(\\.[0-9]+)?)");
    assertThat(metrics.lines()).allSatisfy(l -> assertThat(l).matches(line));
    for (JsonNode group : byVerdict.get("stats")) {
      if (group.get("by").asText().equals("verdict")) {
        assertThat(metrics).contains("smtptrail_index_rows{verdict=\"" + group.get("key").asText() + "\"} "
            + group.get("rows").asLong() + "\n");
      }
    }
    assertThat(metrics).contains("smtptrail_index_rows{verdict=\"UNKNOWN\"} 0\n").contains("smtptrail_index_up 1\n")
        .as("a row per verdict, with none too").contains("smtptrail_index_rows{verdict=\"DISCARDED\"} 0\n");
    CliRun index = CliRun.of("index", "--data", data, temp.resolve("markup").toString());
    assertThat(index.out()).contains(" 0 events"); // nothing new: the count below is the first run's
    assertThat(value(metrics, "smtptrail_index_unparsed_lines")).isEqualTo(unparsedInSamples());
    assertThat(value(metrics, "smtptrail_index_events")).isPositive();
    String traces = "smtptrail_http_requests_total{endpoint=\"trace\",code=\"200\"}";
    long before = settled(traces);
    // one request on one connection: HttpClient may send a GET again on a fresh connection when a pooled one fails
    assertThat(served.raw("GET /api/trace?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
    assertThat(settled(traces)).isEqualTo(before + 1);
    String after = served.get("/metrics").body();
    assertThat(value(after, "smtptrail_http_request_duration_seconds_count{endpoint=\"trace\"}"))
        .isEqualTo(value(after, "smtptrail_http_request_duration_seconds_bucket{endpoint=\"trace\",le=\"+Inf\"}"))
        .isGreaterThanOrEqualTo(before + 1);
    assertThat(after).doesNotContain("smtptrail_tail_").as("no in-process tail here");
  }

  /** The unparsed lines of the samples, as a fresh index of them reports. */
  private static long unparsedInSamples() throws IOException {
    Path fresh = temp.resolve("count-" + System.nanoTime());
    List<String> args = new ArrayList<>(List.of("index", "--data", fresh.toString(), "--timezone", "UTC"));
    args.addAll(ServedIndex.sampleFolders()); // what the served index holds: not the golden cases
    Matcher unparsed = Pattern.compile("(\\d+) unparsed lines").matcher(CliRun.of(args.toArray(String[]::new)).out());
    assertThat(unparsed.find()).isTrue();
    return Long.parseLong(unparsed.group(1));
  }

  private static String awaitMetrics(String expected) throws IOException, InterruptedException {
    for (int tries = 0; tries < 100; tries++) {
      String body = served.get("/metrics").body();
      if (body.contains(expected)) {
        return body;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("/metrics never showed " + expected);
  }

  /**
   * A request is counted once its answer is written, so a client may read the answer before the count moves: the
   * value once two readings 100 ms apart agree.
   */
  private static long settled(String name) throws IOException, InterruptedException {
    long previous = value(served.get("/metrics").body(), name);
    while (true) {
      Thread.sleep(100);
      long now = value(served.get("/metrics").body(), name);
      if (now == previous) {
        return now;
      }
      previous = now;
    }
  }

  private static long value(String metrics, String name) {
    return metrics.lines().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1))
        .map(v -> (long) Double.parseDouble(v)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in\n" + metrics));
  }

  @Test
  void sessionTellsThePageTheRoleAndTheRowCap() throws IOException {
    JsonNode session = ok("/api/session");
    assertThat(session.get("role").asText()).isEqualTo("admin");
    assertThat(session.get("redacted").asBoolean()).isFalse();
    assertThat(session.get("login").asBoolean()).isFalse();
    assertThat(session.get("max_rows").asInt()).isEqualTo(2000);
  }

  /**
   * The server turns Nagle's algorithm off before the JDK's server reads the switch: with it on, every lookup on a
   * kept-alive connection waited 40 ms for the client's delayed ACK (benchmarks/RESULTS.md, issue 14).
   */
  @Test
  void answersAreSentWithoutNaglesDelay() {
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
  }
}
