package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.store.opensearch.OpenSearchCluster;
import org.smtptrail.store.opensearch.OpenSearchStore;
import org.smtptrail.store.opensearch.SharedOpenSearch;
import org.smtptrail.testkit.PostfixCorpus;

/**
 * The store contract at scale: a generated Postfix corpus of more than 100,000 messages (about 820,000 lines, one
 * file) indexed into the data folder's index and into OpenSearch gives the same bytes from {@code trace --format json}
 * over every row, from pages with their evidence, {@code stats} in every {@code --by}, {@code events} and
 * {@code check} for a spread of messages, and the same serve API answers. The samples ({@link StoreCliIT}) have every
 * format and rare case; this corpus has the volume: pages past 10,000 rows, aggregations over many terms, scrolls of
 * many pages, and batches of many keys.
 *
 * <p>The size can be changed with {@code -Dsmtptrail.corpus.lines=N} (the 100,000-message check then adapts).
 */
@ExtendWith(SharedOpenSearch.class)
class StoreCorpusCliIT {
  private static final long LINES = Long.getLong("smtptrail.corpus.lines", 820_000);
  private static final int MESSAGES_WANTED = LINES >= 820_000 ? 100_000 : 1;

  @TempDir static Path temp;
  private static String store;
  private static String localData;
  private static String agentData;
  private static int messages;

  @BeforeAll
  static void indexTheCorpusIntoBothStores(OpenSearchCluster cluster) throws IOException {
    Path log = temp.resolve("logs/mail.log");
    Files.createDirectories(log.getParent());
    Set<String> messageIds = new HashSet<>();
    try (Writer out = Files.newBufferedWriter(log); Writer expected = new Writer() {
      private final StringBuilder line = new StringBuilder();

      @Override
      public void write(char[] chars, int off, int len) {
        for (int i = off; i < off + len; i++) {
          if (chars[i] == '\n') {
            messageIds.add(line.substring(0, Math.max(0, line.indexOf("\t"))));
            line.setLength(0);
          } else {
            line.append(chars[i]);
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    }) {
      new PostfixCorpus(20261208).write(out, expected, LINES);
    }
    messages = messageIds.size();
    assertThat(messages).as("messages of the generated corpus").isGreaterThanOrEqualTo(MESSAGES_WANTED);

    store = cluster.httpUri().toString().replaceAll("/+$", "") + "/corpus";
    localData = temp.resolve("local").toString();
    agentData = temp.resolve("agent").toString();
    timed("index into the local store", "index", "--timezone", "UTC", "--data", localData, log.toString());
    timed("index into OpenSearch", "index", "--timezone", "UTC", "--data", agentData, "--store", store,
        log.toString());
  }

  private static CliRun timed(String what, String... command) {
    long start = System.nanoTime();
    CliRun run = CliRun.of(command);
    System.out.printf(Locale.ROOT, "%s: %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
    assertThat(run.exitCode()).as(what + ": " + run.err()).isZero();
    return run;
  }

  private static CliRun local(String... command) {
    return CliRun.of(Stream.concat(Stream.of(command), Stream.of("--data", localData)).toArray(String[]::new));
  }

  private static CliRun fromStore(String... command) {
    return CliRun.of(Stream.concat(Stream.of(command), Stream.of("--data", agentData, "--store", store))
        .toArray(String[]::new));
  }

  /**
   * The same exit code, error and output, line by line: a difference is shown as its first line, not as a diff of
   * megabytes.
   */
  private static CliRun assertSame(String... command) {
    CliRun expected = local(command);
    long start = System.nanoTime();
    CliRun actual = fromStore(command);
    String name = String.join(" ", command);
    System.out.printf(Locale.ROOT, "%s: %d ms from OpenSearch%n", name, (System.nanoTime() - start) / 1_000_000);
    assertThat(actual.err()).as(name).isEqualTo(expected.err());
    assertSameLines(name, expected.out(), actual.out());
    assertThat(actual.exitCode()).as(name).isEqualTo(expected.exitCode());
    return actual;
  }

  private static void assertSameLines(String name, String expected, String actual) {
    List<String> want = expected.lines().toList();
    List<String> got = actual.lines().toList();
    for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
      if (!want.get(i).equals(got.get(i))) {
        assertThat(got.get(i)).as("%s: line %d of %d", name, i + 1, want.size()).isEqualTo(want.get(i));
      }
    }
    assertThat(got.size()).as("%s: lines", name).isEqualTo(want.size());
  }

  @Test
  void everyRowIsTheSameInTheSameOrder() {
    CliRun all = assertSame("trace", "--format", "json", "--limit", "0");
    assertThat(all.out().lines().count()).as("a row per (message, recipient)").isGreaterThan(messages);
  }

  @Test
  void pagesWithTheirEvidenceAreTheSameFarIntoTheResult() {
    for (String page : List.of("1", "7", "23")) { // rows 1-500, 3001-3500 and 11001-11500
      assertSame("trace", "--format", "json", "--evidence", "--limit", "500", "--page", page);
    }
    assertSame("trace", "--format", "table", "--status", "DEFERRED", "--limit", "200");
    assertSame("trace", "--format", "csv", "--domain", "example.net", "--limit", "0");
    assertSame("trace", "--format", "json", "--to", "user1*@*", "--limit", "0");
  }

  @Test
  void statsInEveryGroupingAreTheSame() {
    for (String by : List.of("domain", "relay", "category", "verdict", "host")) {
      assertSame("stats", "--by", by, "--format", "json");
    }
    assertSame("stats");
  }

  @Test
  void eventsAndCheckOfASpreadOfMessagesAreTheSame() {
    List<JsonNode> rows = local("trace", "--format", "json", "--limit", "0").jsonLines();
    int step = Math.max(1, rows.size() / 150);
    Set<String> verdicts = new HashSet<>();
    for (int i = 0; i < rows.size(); i += step) {
      assertSame("events", rows.get(i).get("key").asText());
      CliRun check = assertSame("check", "--to", rows.get(i).get("recipient").asText());
      verdicts.add(Integer.toString(check.exitCode()));
    }
    assertThat(verdicts).as("exit codes met among the checked recipients").hasSizeGreaterThan(1);
  }

  @Test
  void theServeApiAnswersTheSame() throws IOException {
    try (ServedIndex local = ServedIndex.start(Path.of(localData), ServedIndex.settings());
        ServedIndex remote = ServedIndex.start(Path.of(agentData), OpenSearchStore.of(store),
            ServedIndex.settings())) {
      List<String> paths = new ArrayList<>(List.of("/api/stats", "/api/stats?by=domain",
          "/api/trace?status=DEFERRED&limit=100", "/api/trace?domain=example.org&limit=100&page=3"));
      for (JsonNode row : local("trace", "--format", "json", "--limit", "20").jsonLines()) {
        paths.add("/api/trace?to=" + URLEncoder.encode(row.get("recipient").asText(), StandardCharsets.UTF_8));
      }
      for (String path : paths) {
        var want = local.get(path);
        var got = remote.get(path);
        assertThat(got.statusCode()).as(path).isEqualTo(want.statusCode()).isEqualTo(200);
        assertThat(got.body()).as(path).isEqualTo(want.body());
      }
    }
  }
}
