package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.serve.AccessTokens;
import org.smtptrail.cli.serve.QueryServer;
import org.smtptrail.cli.serve.Role;

/**
 * {@code serve} as an attacker tries it (issue 23): clients that never finish their headers, a query past its time
 * budget, a support token asking with patterns, log text that is a spreadsheet formula, another site's page posting
 * the login form, a guesser of tokens, and an index folder deleted under the running server. Each test failed on the
 * server before these defences.
 */
class ServeHardeningIT {
  private static final String ADMIN = "admin-0123456789abcdef";
  private static final String SUPPORT = "support-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * An address in any text: a local part (plain or quoted), '@', a domain or an address literal. A plain local part
   * does not start with {@code '}: that is how a CSV cell is neutralised ({@code '@SUM(1+1)} is no address).
   */
  private static final Pattern ADDRESS = Pattern.compile(
      "(\"[^\"]*\"|[A-Za-z0-9!#$%&*+/=?^_`{|}~.-][A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]*)@"
          + "([A-Za-z0-9][A-Za-z0-9.-]*|\\[[^\\]]*\\])");
  private static final String SEARCHED = "alice@accept.example.net";

  @TempDir static Path temp;
  private static Path data;
  private static Path tokenFile;

  @BeforeAll
  static void indexTheSamplesAndTheHostileLog() throws IOException {
    data = temp.resolve("data");
    ServedIndex.indexSamples(data, temp);
    CliRun hostile = CliRun.of("index", "--data", data.toString(), "--timezone", "UTC", hostileLog().toString());
    assertThat(hostile.exitCode()).as(hostile.err()).isZero();
    tokenFile = temp.resolve("tokens");
    Files.writeString(tokenFile, ADMIN + "\nsupport " + SUPPORT + "\n");
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
  }

  /** hostile.log copied into the temporary folder, dated the day after its lines. */
  private static Path hostileLog() throws IOException {
    Path log = Files.createDirectories(temp.resolve("hostile")).resolve("mail.log");
    try (InputStream in = ServeHardeningIT.class.getResourceAsStream("/serve/hostile.log")) {
      Files.copy(in, log);
    }
    Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2026-11-24T00:00:00Z")));
    return log;
  }

  private static AccessTokens tokens() throws IOException {
    return AccessTokens.read(tokenFile, Role.admin);
  }

  private static QueryServer.Settings withTokensOn(InetAddress bind, Duration budget) throws IOException {
    return new QueryServer.Settings(bind, 0, tokens(), false, 4, 2000, budget, Duration.ofMillis(50), Duration.ZERO);
  }

  @Test
  void clientsThatNeverFinishTheirHeadersTakeNoWorker() throws Exception {
    try (ServedIndex served = ServedIndex.start(data, ServedIndex.settings())) {
      assertAnswersPromptlyBeside200SlowClients(served, new String[0]);
    }
    try (ServedIndex served = ServedIndex.start(data, withTokensOn(InetAddress.getByName("0.0.0.0"),
        ServedIndex.BUDGET))) {
      assertAnswersPromptlyBeside200SlowClients(served, new String[] {"Authorization", "Bearer " + ADMIN});
    }
  }

  private static void assertAnswersPromptlyBeside200SlowClients(ServedIndex served, String[] headers)
      throws Exception {
    String path = "/api/check?to=" + SEARCHED;
    assertThat(served.get(path, headers).statusCode()).isEqualTo(200); // warm: classes loaded, JIT under way
    List<Socket> slow = new ArrayList<>();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      for (int i = 0; i < 200; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), served.uri().getPort());
        slow.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write("GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush(); // ... and never the blank line that ends the headers
      }
      long[] millis = new long[5];
      for (int i = 0; i < millis.length; i++) {
        HttpRequest.Builder request = HttpRequest.newBuilder(served.uri().resolve(path))
            .timeout(Duration.ofSeconds(5));
        if (headers.length > 0) {
          request.headers(headers);
        }
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        millis[i] = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("verdict").asText()).isNotEqualTo("NO_RECORD");
      }
      Arrays.sort(millis);
      assertThat(millis[millis.length / 2]).as("median of %s ms, beside 200 slow clients", Arrays.toString(millis))
          .isLessThanOrEqualTo(100);
      assertThat(millis[millis.length - 1]).as("slowest of %s ms", Arrays.toString(millis)).isLessThan(1000);
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  void aQueryPastItsTimeBudgetIsStoppedWith503() throws IOException {
    try (ServedIndex served = ServedIndex.start(data, withTokensOn(InetAddress.getLoopbackAddress(),
        Duration.ofNanos(1)))) {
      HttpResponse<String> late = served.get("/api/trace?to=*@example.net", "Authorization", "Bearer " + ADMIN);
      assertThat(late.statusCode()).isEqualTo(503);
      assertThat(late.headers().firstValue("Retry-After")).isPresent();
      assertThat(JSON.readTree(late.body()).get("error").asText()).contains("longer than its budget")
          .contains("narrow the search");
      assertThat(served.log()).as("no stack trace: an expected answer").doesNotContain("Exception");
    }
  }

  @Test
  void aSupportAnswerShowsNoAddressButTheOneTypedInFull() throws IOException {
    try (ServedIndex served = ServedIndex.start(data, withTokensOn(InetAddress.getLoopbackAddress(),
        ServedIndex.BUDGET))) {
      String[] support = {"Authorization", "Bearer " + SUPPORT};
      List<String> patterns = List.of("to=*", "to=*@*", "to=?*", "from=*", "to=@example.net", "to=*@example.net",
          "domain=example.net", "from=*&to=*", "to=*&format=csv", "from=*@*&format=csv");
      Set<String> seenByAdmin = new TreeSet<>();
      for (String query : patterns) {
        HttpResponse<String> admin = served.get("/api/trace?limit=2000&" + query, "Authorization", "Bearer " + ADMIN);
        assertThat(admin.statusCode()).as(query).isEqualTo(200);
        seenByAdmin.addAll(addressesIn(admin.body(), Set.of()));
        HttpResponse<String> answer = served.get("/api/trace?limit=2000&" + query, support);
        assertThat(answer.statusCode()).as(query).isEqualTo(200);
        assertThat(addressesIn(answer.body(), Set.of())).as("support, %s", query).isEmpty();
        if (!query.contains("csv")) {
          assertThat(JSON.readTree(answer.body()).get("redacted").asBoolean()).isTrue();
          assertThat(JSON.readTree(answer.body()).get("rows")).as(query).isNotEmpty();
        }
      }
      assertThat(seenByAdmin).as("the admin sees the addresses, so the check above could fail")
          .contains(SEARCHED, "mary@example.com");

      String literal = served.get("/api/trace?to=" + SEARCHED, support).body();
      assertThat(literal).contains(SEARCHED);
      assertThat(addressesIn(literal, Set.of(SEARCHED))).isEmpty();
      String literalCsv = served.get("/api/trace?format=csv&to=" + SEARCHED, support).body();
      assertThat(addressesIn(literalCsv, Set.of(SEARCHED))).isEmpty();
      for (String check : List.of("to=*", "to=*@*", "to=@example.net", "to=" + SEARCHED)) {
        String answer = served.get("/api/check?" + check, support).body();
        assertThat(addressesIn(answer, Set.of(SEARCHED))).as(check).isEmpty();
      }
      // the page's own endpoints: counts name nobody, and a support login gets no suggestion (each spells an address)
      for (String totals : List.of("", "?to=*", "?domain=example.net", "?to=" + SEARCHED)) {
        assertThat(addressesIn(served.get("/api/totals" + totals, support).body(), Set.of())).as(totals).isEmpty();
      }
      for (String prefix : List.of("a", "al", "m", "alice@")) {
        JsonNode suggested = JSON.readTree(served.get("/api/suggest?prefix=" + prefix, support).body());
        assertThat(suggested.get("addresses")).as(prefix).isEmpty();
        assertThat(suggested.get("redacted").asBoolean()).isTrue();
      }
      assertThat(served.get("/api/suggest?prefix=alice@", "Authorization", "Bearer " + ADMIN).body())
          .as("the admin gets them, so the check above could fail").contains(SEARCHED);
      for (String by : List.of("", "?by=domain", "?by=relay", "?by=category", "?by=verdict")) {
        assertThat(addressesIn(served.get("/api/stats" + by, support).body(), Set.of())).as(by).isEmpty();
      }
      JsonNode rows = JSON.readTree(served.get("/api/trace?limit=2000&to=*", "Authorization", "Bearer " + ADMIN)
          .body()).get("rows");
      for (JsonNode row : rows) {
        String events = served.get("/api/events/" + row.get("key").asText().replace("+", "%2B"), support).body();
        assertThat(addressesIn(events, Set.of())).as(row.get("key").asText()).isEmpty();
      }

      for (String[] args : List.of(new String[] {"--to", "*"}, new String[] {"--from", "*@*"},
          new String[] {"--domain", "example.net"})) {
        for (String format : List.of("json", "csv", "table")) {
          List<String> command = new ArrayList<>(List.of("trace", "--server", served.url(), "--token-file",
              supportTokenFile().toString(), "--limit", "0", "--format", format));
          command.addAll(List.of(args));
          CliRun cli = CliRun.of(command.toArray(String[]::new));
          assertThat(cli.exitCode()).as(cli.err()).isZero();
          assertThat(cli.out()).as("CLI %s %s", List.of(args), format).isNotBlank();
          assertThat(addressesIn(cli.out(), Set.of())).as("CLI %s %s", List.of(args), format).isEmpty();
        }
      }
    }
  }

  @Test
  void aSupportAnswerStaysMaskedWhileAdminsAskAtTheSameTime() throws Exception {
    // the JDK server keeps an exchange's attributes in its context, shared by every request to the same path: a
    // role kept there would be whichever request wrote it last
    try (ServedIndex served = ServedIndex.start(data, withTokensOn(InetAddress.getLoopbackAddress(),
        ServedIndex.BUDGET))) {
      String path = "/api/trace?to=*@example.com&limit=50";
      List<Thread> askers = new ArrayList<>();
      List<String> leaks = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < 6; i++) {
        boolean admin = i % 2 == 0;
        askers.add(Thread.ofVirtual().start(() -> {
          try {
            for (int n = 0; n < 40; n++) {
              String body = served.get(path, "Authorization", "Bearer " + (admin ? ADMIN : SUPPORT)).body();
              if (!admin && (!body.contains("\"redacted\":true") || !addressesIn(body, Set.of()).isEmpty())) {
                leaks.add(body.substring(0, Math.min(300, body.length())));
              }
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }));
      }
      for (Thread asker : askers) {
        asker.join();
      }
      assertThat(failures).isEmpty();
      assertThat(leaks).as("support answers given in clear").isEmpty();
    }
  }

  private static Path supportTokenFile() throws IOException {
    Path file = temp.resolve("support-token");
    if (!Files.exists(file)) {
      Files.writeString(file, SUPPORT + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }

  /** The addresses in a text (JSON escapes undone) whose local part is not masked, less the allowed ones. */
  private static Set<String> addressesIn(String text, Set<String> allowed) throws IOException {
    List<String> texts = new ArrayList<>();
    if (text.startsWith("{")) {
      collectTexts(JSON.readTree(text), texts);
    } else {
      texts.add(text);
    }
    Set<String> found = new TreeSet<>();
    for (String value : texts) {
      Matcher address = ADDRESS.matcher(value);
      while (address.find()) {
        String local = address.group(1);
        if (!local.endsWith("***") && !allowed.contains(address.group().toLowerCase(Locale.ROOT))) {
          found.add(address.group());
        }
      }
    }
    return found;
  }

  private static void collectTexts(JsonNode node, List<String> texts) {
    if (node.isTextual()) {
      texts.add(node.asText());
    }
    node.forEach(child -> collectTexts(child, texts));
  }

  @Test
  void noCsvCellStartsLikeAFormula() throws IOException {
    List<String> csvs = new ArrayList<>();
    try (ServedIndex served = ServedIndex.start(data, ServedIndex.settings())) {
      csvs.add(served.get("/api/trace?format=csv&limit=2000").body());
      csvs.add(served.get("/api/trace?format=csv&from=*@evil.example").body());
    }
    for (String command : List.of("trace", "stats")) {
      CliRun cli = CliRun.of(command, "--data", data.toString(), "--format", "csv", "--limit", "0");
      if (command.equals("stats")) {
        cli = CliRun.of(command, "--data", data.toString(), "--format", "csv", "--by", "relay");
      }
      assertThat(cli.exitCode()).as(cli.err()).isZero();
      csvs.add(cli.out());
    }
    CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<String> hostileCells = new ArrayList<>();
    for (String text : csvs) {
      try (var lines = csv.readerForListOf(String.class).<List<String>>readValues(text)) {
        for (List<String> line : lines.readAll()) {
          for (String cell : line) {
            assertThat(cell).as("a cell a spreadsheet would run").doesNotStartWith("=").doesNotStartWith("+")
                .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
            if (cell.startsWith("-")) {
              assertThat(cell).as("only numbers may start with '-'").matches("-[0-9.]+");
            }
            if (cell.startsWith("'")) {
              hostileCells.add(cell);
            }
          }
        }
      }
    }
    assertThat(hostileCells).as("the hostile log's cells, neutralised, so the check above could fail")
        .contains("'=cmd|'/c calc'!A1@evil.example", "'-carol@example.net", "'+dave@example.net", "'@SUM(1+1");
  }

  @Test
  void anotherSitesPageCanNeitherLogInNorLogOut() throws IOException {
    try (ServedIndex served = ServedIndex.start(data, withTokensOn(InetAddress.getLoopbackAddress(),
        ServedIndex.BUDGET))) {
      String host = served.uri().getHost() + ":" + served.uri().getPort();
      for (String[] crossSite : List.of(new String[] {"Origin", "http://evil.example"},
          new String[] {"Sec-Fetch-Site", "cross-site", "Origin", "http://evil.example"},
          new String[] {"Sec-Fetch-Site", "same-site"}, new String[] {"Origin", "null"})) {
        HttpResponse<String> login = served.postForm("/login", "token=" + ADMIN, crossSite);
        assertThat(login.statusCode()).as(List.of(crossSite).toString()).isEqualTo(403);
        assertThat(login.headers().firstValue("Set-Cookie")).as("no session for the attacker's token").isEmpty();
      }
      HttpResponse<String> own = served.postForm("/login", "token=" + ADMIN, "Origin", "http://" + host,
          "Sec-Fetch-Site", "same-origin");
      assertThat(own.statusCode()).isEqualTo(303);
      String cookie = own.headers().firstValue("Set-Cookie").orElseThrow();
      String session = cookie.substring(0, cookie.indexOf(';'));
      HttpResponse<String> logout = served.postForm("/logout", "", "Cookie", session, "Origin",
          "http://evil.example");
      assertThat(logout.statusCode()).isEqualTo(403);
      assertThat(served.get("/api/session", "Cookie", session).statusCode()).as("still logged in").isEqualTo(200);
      assertThat(served.postForm("/logout", "", "Cookie", session, "Origin", "http://" + host).statusCode())
          .isEqualTo(303);
      assertThat(served.get("/api/session", "Cookie", session).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void aGuesserOfTokensIsSlowedDown() throws IOException {
    try (ServedIndex served = ServedIndex.start(data, withTokensOn(InetAddress.getLoopbackAddress(),
        ServedIndex.BUDGET))) {
      int refused = 0;
      for (int i = 0; i < 200; i++) {
        HttpResponse<String> guess = i % 2 == 0
            ? served.postForm("/login", "token=guess-number-" + i + "-0123456789")
            : served.get("/api/session", "Authorization", "Bearer guess-number-" + i + "-0123456789");
        if (guess.statusCode() == 429) {
          refused++;
          assertThat(guess.headers().firstValue("Retry-After")).isPresent();
          assertThat(JSON.readTree(guess.body()).get("error").asText()).contains("too many wrong tokens");
        } else {
          assertThat(guess.statusCode()).isIn(303, 401);
        }
      }
      assertThat(refused).as("of 200 guesses, all but the first few are refused unread").isGreaterThan(190);
    }
  }

  @Test
  void anIndexFolderDeletedUnderTheServerIsReportedDown() throws Exception {
    Path copy = temp.resolve("doomed");
    copyTree(data, copy);
    try (ServedIndex served = ServedIndex.start(copy, ServedIndex.settings())) {
      assertThat(served.get("/api/check?to=" + SEARCHED).statusCode()).isEqualTo(200);
      assertThat(served.get("/metrics").body()).contains("smtptrail_index_up 1\n");
      deleteTree(copy.resolve("index"));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (served.get("/metrics").body().contains("smtptrail_index_up 1\n") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(served.get("/metrics").body()).contains("smtptrail_index_up 0\n")
          .doesNotContain("smtptrail_index_rows{");
      HttpResponse<String> gone = served.get("/api/check?to=" + SEARCHED);
      assertThat(gone.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(gone.body()).get("error").asText()).contains("smtptrail index");
      assertThat(gone.body()).as("no path of the server's machine in an answer to the network")
          .doesNotContain(copy.toString()).doesNotContain(temp.toString());
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.getFileName().toString().equals("write.lock")) {
          Files.copy(file, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    }
  }
}
