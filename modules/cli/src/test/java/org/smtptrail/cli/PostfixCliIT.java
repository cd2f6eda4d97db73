package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtptrail.cli.ExpectedRows.jsonLines;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;

/**
 * Indexes the sample logs a real Postfix wrote (sample-logs/postfix) through the CLI, in-process, and checks every
 * expected verdict in sample-logs/postfix/expected.jsonl, plus the exit codes of {@code check}.
 */
class PostfixCliIT {
  private static final Path SAMPLES = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"))
      .resolve("postfix");

  @TempDir Path temp;

  /** Copies the log files of one variant, dated like the day they were written (classic syslog has no year). */
  private Path copyLogs(String variant) throws IOException {
    Path source = variant.equals("classic") ? SAMPLES : SAMPLES.resolve("rfc3339");
    Path target = Files.createDirectories(temp.resolve(variant));
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("mail.log")).toList()) {
        Path copy = Files.copy(file, target.resolve(file.getFileName()));
        Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-11-23T23:00:00Z")));
      }
    }
    return target;
  }

  private static List<JsonNode> expected(String variant) throws IOException {
    return ExpectedRows.read(SAMPLES.resolve("expected.jsonl")).stream()
        .filter(row -> row.get("log").asText().equals(variant)).toList();
  }

  private void assertEveryExpectedVerdict(String variant) throws IOException {
    Path logs = copyLogs(variant);
    String data = temp.resolve("data-" + variant).toString();
    CliRun index = CliRun.of("index", "--data", data, logs.toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(index.err()).isEmpty();
    assertThat(index.out()).contains("0 unparsed lines");

    CliRun trace = CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0");
    assertThat(trace.exitCode()).isZero();
    ExpectedRows.assertMatch(jsonLines(trace.out()), expected(variant), ExpectedRows::messageIdAndRecipient,
        ExpectedRows.RowCheck.NONE);

    CliRun again = CliRun.of("index", "--data", data, logs.toString());
    assertThat(again.out()).as("re-indexing adds nothing").contains(" 0 events");
  }

  @Test
  void everyExpectedVerdictOfTheClassicRotatedSet() throws IOException {
    assertEveryExpectedVerdict("classic");
  }

  @Test
  void everyExpectedVerdictOfTheRfc3339Log() throws IOException {
    assertEveryExpectedVerdict("rfc3339");
  }

  @Test
  void checkExitCodesFollowTheVerdict() throws IOException {
    String data = temp.resolve("data").toString();
    assertThat(CliRun.of("index", "--data", data, copyLogs("classic").toString()).exitCode()).isZero();
    Map<String, Integer> codeByVerdict = Map.of("HANDED_OVER", 0, "DELIVERED_LOCALLY", 0, "BOUNCED", 4,
        "EXPIRED", 4, "REJECTED", 4, "DEFERRED", 5);
    Map<String, JsonNode> newestByRecipient = new HashMap<>();
    for (JsonNode row : jsonLines(CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0").out())) {
      newestByRecipient.putIfAbsent(row.get("recipient").asText(), row); // newest first
    }
    SoftAssertions softly = new SoftAssertions();
    for (JsonNode row : newestByRecipient.values()) {
      String recipient = row.get("recipient").asText();
      CliRun check = CliRun.of("check", "--data", data, "--to", recipient.toUpperCase());
      softly.assertThat(check.exitCode()).as("check --to %s (%s)", recipient, row.get("verdict"))
          .isEqualTo(codeByVerdict.get(row.get("verdict").asText()));
      softly.assertThat(check.out()).startsWith(row.get("verdict").asText() + " " + recipient);
    }
    softly.assertAll();
    CliRun none = CliRun.of("check", "--data", data, "--to", "nobody@nowhere.example");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.NO_RECORD);
    assertThat(none.out()).startsWith("NO_RECORD");
  }

  @Test
  void jsonRowsCarryTheContractFieldsAndEventsPrintsTheEvidence() throws IOException {
    String data = temp.resolve("data").toString();
    CliRun.of("index", "--data", data, copyLogs("classic").toString());
    List<JsonNode> rows = jsonLines(CliRun.of("trace", "--data", data, "--format", "json", "--to",
        "alice@accept.example.net").out());
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.fieldNames()).toIterable().contains("recipient", "sender", "message_id", "key", "verdict",
          "relay", "reply_code", "dsn", "reply", "attempts", "first_seen", "last_event", "category", "hint",
          "format", "host", "evidence");
      assertThat(row.get("verdict").asText()).isEqualTo("HANDED_OVER");
      assertThat(row.get("relay").asText()).isEqualTo("mx.accept.example.net[127.0.0.2]:25");
      assertThat(row.get("reply").asText()).startsWith("250 2.0.0 Ok: queued as ");
      assertThat(row.get("format").asText()).isEqualTo("postfix");
      assertThat(row.get("host").asText()).isEqualTo("mx1");
      assertThat(row.get("key").asText()).startsWith("postfix:mx1:");
      assertThat(row.get("first_seen").asText()).startsWith("2026-11-23T").endsWith("Z");
      assertThat(row.get("evidence").get(0).get("line").asInt()).isPositive();
    });
    String key = rows.get(0).get("key").asText();
    CliRun events = CliRun.of("events", "--data", data, key);
    assertThat(events.exitCode()).isZero();
    assertThat(events.out().lines()).hasSize(rows.get(0).get("evidence").size())
        .allMatch(l -> l.contains(key.substring(key.lastIndexOf(':') + 1)));
    assertThat(CliRun.of("events", "--data", data, "postfix:mx1:NOPE").exitCode()).isEqualTo(ExitCodes.NO_RECORD);

    CliRun table = CliRun.of("trace", "--data", data, "--to", "alice@accept.example.net");
    assertThat(table.out()).contains("HANDED_OVER").contains("mx.accept.example.net[127.0.0.2]:25")
        .contains("status=sent");
    CliRun csv = CliRun.of("trace", "--data", data, "--format", "csv", "--domain", "example.net", "--limit", "3");
    assertThat(csv.out().lines()).hasSize(4).first().asString().startsWith("recipient,original_recipient,sender");
  }

  @Test
  void usageErrorsAndEmptyResultsAreClear() {
    String data = temp.resolve("data").toString();
    CliRun badTime = CliRun.of("trace", "--data", data, "--since", "yesterday");
    assertThat(badTime.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badTime.err()).contains("2026-11-22").doesNotContain("Exception");
    CliRun badFormat = CliRun.of("index", "--data", data, "--format", "nope", temp.toString());
    assertThat(badFormat.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badFormat.err()).contains("installed formats: ").contains("postfix");
    CliRun empty = CliRun.of("trace", "--data", data, "--to", "a* OR *:*");
    assertThat(empty.exitCode()).isZero();
    assertThat(empty.out()).contains("no record found");
    CliRun formats = CliRun.of("formats");
    assertThat(formats.out().lines()).anyMatch(line -> line.startsWith("postfix "));
    CliRun usage = CliRun.of();
    assertThat(usage.exitCode()).isZero();
    assertThat(usage.out()).contains("Examples:").contains("trace");
  }
}
