package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtptrail.cli.ExpectedRows.jsonLines;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Axigen samples at the shipped default log level (sample-logs/axigen-default: the scenarios of
 * sample-logs/axigen written by the same generate.py with {@code --level default}, so without the level-16
 * conversation lines), indexed through the CLI: every row of its expected.jsonl, and the same verdict and attempts as
 * the protocol-level samples for every (message, recipient) that both levels log.
 */
class AxigenDefaultLevelCliIT {
  private static final Path SAMPLE_LOGS = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"));
  private static final Path DEFAULT_LEVEL = SAMPLE_LOGS.resolve("axigen-default");
  private static final Path PROTOCOL_LEVEL = SAMPLE_LOGS.resolve("axigen");

  @TempDir Path temp;
  private Path logs;
  private String data;

  @BeforeEach
  void copySamples() throws IOException {
    logs = copy(DEFAULT_LEVEL, temp.resolve("axigen-default"));
    data = temp.resolve("data").toString();
  }

  /** Copies a sample folder, dated the day after the logs (classic syslog takes its year from that). */
  static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = to.resolve(from.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
        Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-11-23T23:00:00Z")));
      }
    }
    return to;
  }

  private static List<JsonNode> indexAndTrace(Path folder, String data) {
    CliRun index = CliRun.of("index", "--data", data, "--timezone", "+01:00", folder.toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
    CliRun trace = CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0");
    assertThat(trace.exitCode()).as(trace.err()).isZero();
    return jsonLines(trace.out());
  }

  @Test
  void everyExpectedRowAtTheDefaultLevel() throws IOException {
    CliRun index = CliRun.of("index", "--data", data, "--timezone", "+01:00", logs.toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(index.err()).isEmpty();
    assertThat(index.out()).contains("indexed 4 file(s)").contains(" 2 unparsed lines")
        .contains("of no known log format (use --format to force): README.md, expected.jsonl");
    List<JsonNode> rows = jsonLines(CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0").out());
    List<JsonNode> expected = ExpectedRows.read(DEFAULT_LEVEL.resolve("expected.jsonl"));
    assertThat(expected).hasSize(20);
    assertThat(rows).noneMatch(row -> row.get("verdict").asText().equals("UNKNOWN"));
    ExpectedRows.assertMatch(rows, expected, ExpectedRows::messageIdAndRecipient, AxigenCliIT::checkHostAndModules);
  }

  @Test
  void bothLevelsGiveTheSameVerdictsAndAttempts() throws IOException {
    Map<String, JsonNode> atDefault = byName(indexAndTrace(logs, data));
    Path protocolLogs = copy(PROTOCOL_LEVEL, temp.resolve("axigen"));
    Map<String, JsonNode> atProtocol = byName(indexAndTrace(protocolLogs, temp.resolve("data2").toString()));
    SoftAssertions softly = new SoftAssertions();
    for (Map.Entry<String, JsonNode> row : atDefault.entrySet()) {
      JsonNode other = atProtocol.get(row.getKey());
      softly.assertThat(other).as("protocol-level row of %s", row.getKey()).isNotNull();
      if (other != null) {
        softly.assertThat(row.getValue().get("verdict").asText()).as("verdict of %s", row.getKey())
            .isEqualTo(other.get("verdict").asText());
        softly.assertThat(row.getValue().get("attempts").asInt()).as("attempts of %s", row.getKey())
            .isEqualTo(other.get("attempts").asInt());
        softly.assertThat(row.getValue().get("key").asText()).as("key of %s", row.getKey())
            .isEqualTo(other.get("key").asText());
      }
    }
    List<String> onlyAtProtocol = new ArrayList<>();
    atProtocol.forEach((name, row) -> {
      if (!atDefault.containsKey(name)) {
        onlyAtProtocol.add(row.get("verdict").asText() + " " + name);
      }
    });
    softly.assertThat(onlyAtProtocol).as("rows only the protocol level logs: the refusal by SMTP-IN")
        .containsExactly("REJECTED - dave@example.com");
    softly.assertAll();
  }

  @Test
  void theRowsSayWhatTheyRestOn() throws IOException {
    indexAndTrace(logs, data);
    JsonNode erin = single("--to", "erin@example.org");
    assertThat(erin.get("verdict").asText()).isEqualTo("HANDED_OVER");
    assertThat(erin.get("relay").asText()).isEqualTo("[198.51.100.25]:25");
    assertThat(erin.get("reply").asText()).isEqualTo("state SENT after SMTP-OUT connection to [198.51.100.25]:25"
        + " (no SMTP reply logged at this log level)");
    assertThat(erin.get("reply_code").isNull()).isTrue();
    assertThat(erin.get("remote_id").isNull()).isTrue();
    assertThat(evidence(erin)).anyMatch(line -> line.endsWith(
        " SMTP-OUT:0000A404: [192.0.2.10:40112] connected to [198.51.100.25:25]"))
        .anyMatch(line -> line.endsWith(" PROCESSING:003F1001: Set recipient <erin@example.org> state to SENT"));

    JsonNode kate = single("--to", "kate@example.org");
    assertThat(kate.get("verdict").asText()).isEqualTo("HANDED_OVER");
    assertThat(kate.get("relay").isNull()).isTrue();
    assertThat(kate.get("reply").asText()).contains("no SMTP reply logged at this log level")
        .contains("handed over is inferred from the state word");

    JsonNode ruth = single("--to", "ruth@down.example.net");
    assertThat(ruth.get("verdict").asText()).isEqualTo("DEFERRED");
    assertThat(ruth.get("attempts").asInt()).isEqualTo(2);
    assertThat(ruth.get("category").asText()).isEqualTo("connection-failure");
    assertThat(ruth.get("reply").asText()).isEqualTo("state DEFERRED after SMTP-OUT: [192.0.2.10:41701] connection"
        + " to [203.0.113.95:25] failed: Connection refused");

    JsonNode frank = single("--to", "frank@example.net");
    assertThat(frank.get("attempts").asInt()).as("a deferral, then the retry").isEqualTo(2);
    assertThat(evidence(frank)).filteredOn(line -> line.contains(" SMTP-OUT:")).hasSize(2);

    Map<String, Integer> codeByVerdict = Map.of("HANDED_OVER", 0, "BOUNCED", 4, "DEFERRED", 5);
    for (String recipient : List.of("erin@example.org", "judy@example.org", "leo@lists.example.net")) {
      JsonNode row = single("--to", recipient);
      CliRun check = CliRun.of("check", "--data", data, "--to", recipient);
      assertThat(check.exitCode()).as("check --to %s", recipient)
          .isEqualTo(codeByVerdict.get(row.get("verdict").asText()));
    }
  }

  private JsonNode single(String... filter) {
    List<String> args = new ArrayList<>(List.of("trace", "--data", data, "--format", "json"));
    args.addAll(List.of(filter));
    List<JsonNode> rows = jsonLines(CliRun.of(args.toArray(String[]::new)).out());
    assertThat(rows).as("rows of %s", List.of(filter)).hasSize(1);
    return rows.get(0);
  }

  private static List<String> evidence(JsonNode row) {
    List<String> lines = new ArrayList<>();
    row.get("evidence").forEach(line -> lines.add(line.get("text").asText()));
    return lines;
  }

  private static Map<String, JsonNode> byName(List<JsonNode> rows) {
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode row : rows) {
      assertThat(byName.put(ExpectedRows.messageIdAndRecipient(row), row)).as("one row per name").isNull();
    }
    return byName;
  }
}
