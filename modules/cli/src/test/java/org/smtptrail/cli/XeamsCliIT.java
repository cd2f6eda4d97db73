package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtptrail.cli.ExpectedRows.jsonLines;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;

/**
 * Indexes the generated Xeams sample logs (sample-logs/xeams: the four logs, rotated, one gzipped, one with CR LF)
 * through the CLI, in-process, and checks every expected verdict in sample-logs/xeams/expected.jsonl, the evidence
 * drawn from each log that mentions the message, the unparsed lines reported, the exit codes of {@code check}, and
 * that the zone of the timestamps comes from {@code --timezone}.
 */
class XeamsCliIT {
  private static final Path SAMPLES = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"))
      .resolve("xeams");
  private static final Map<String, Integer> CHECK_CODE_BY_VERDICT = Map.of("HANDED_OVER", ExitCodes.OK,
      "DELIVERED_LOCALLY", ExitCodes.OK, "BOUNCED", 4, "EXPIRED", 4, "REJECTED", 4, "DEFERRED", 5, "UNKNOWN", 5);

  @TempDir Path temp;

  private String indexed(String zone) {
    String data = temp.resolve("data-" + zone.replace('/', '-')).toString();
    CliRun index = CliRun.of("index", "--data", data, "--timezone", zone, SAMPLES.toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(index.err()).isEmpty();
    return data;
  }

  private static List<JsonNode> expected() throws IOException {
    return ExpectedRows.read(SAMPLES.resolve("expected.jsonl"));
  }

  /** How the Xeams sample names a row: its message key (Xeams logs carry no Message-ID) and recipient. */
  static String keyAndRecipient(JsonNode row) {
    return row.get("key").asText() + " " + row.get("recipient").asText("-").toLowerCase();
  }

  /** What Xeams' expected.jsonl says beyond verdicts: evidence from each of the logs the row lists. */
  static void checkLogsInEvidence(SoftAssertions softly, String key, JsonNode want, JsonNode got) {
    softly.assertThat(got.get("format").asText()).isEqualTo("xeams");
    Set<String> logs = new TreeSet<>();
    got.get("evidence").forEach(line -> logs.add(logName(line.get("file").asText())));
    List<String> wantedLogs = new ArrayList<>();
    want.get("files").forEach(file -> wantedLogs.add(file.asText()));
    softly.assertThat(logs).as("logs in the evidence of %s", key).containsAll(wantedLogs);
  }

  /** "SMTPOutboundConversation.log" for ".../SMTPOutboundConversation.log.2026-03-02.gz". */
  private static String logName(String file) {
    String name = Path.of(file).getFileName().toString();
    return name.substring(0, name.indexOf(".log") + ".log".length());
  }

  @Test
  void everyExpectedVerdictWithEvidenceFromEveryLogThatMentionsIt() throws IOException {
    String data = indexed("UTC");
    CliRun trace = CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0");
    assertThat(trace.exitCode()).isZero();
    assertThat(trace.err()).isEmpty();
    List<JsonNode> expected = expected();
    assertThat(expected).hasSizeGreaterThanOrEqualTo(14);
    ExpectedRows.assertMatch(jsonLines(trace.out()), expected, XeamsCliIT::keyAndRecipient,
        (softly, key, want, got) -> {
          checkLogsInEvidence(softly, key, want, got);
          softly.assertThat(got.get("host").asText()).as("host of %s: the folder's name", key).isEqualTo("xeams");
        });
  }

  @Test
  void indexReportsTheLinesItCouldNotReadAndReindexingAddsNothing() {
    String data = temp.resolve("data").toString();
    CliRun index = CliRun.of("index", "--data", data, "--timezone", "UTC", SAMPLES.toString());
    assertThat(index.exitCode()).isZero();
    assertThat(index.out()).contains("indexed 8 file(s)").contains(" 2 unparsed lines")
        .contains("unparsed " + SAMPLES.toAbsolutePath().resolve("SMTPOutboundConversation.log") + ":45: expected ")
        .contains("unparsed " + SAMPLES.toAbsolutePath().resolve("SmtpQueue.log") + ":7: expected ")
        .contains("skipped 4 file(s) of no known log format (use --format to force): README.md, expected.jsonl");
    CliRun again = CliRun.of("index", "--data", data, "--timezone", "UTC", SAMPLES.toString());
    assertThat(again.out()).as("re-indexing adds nothing").contains("(8 unchanged").contains(" 0 events");
    CliRun strict = CliRun.of("index", "--data", temp.resolve("strict").toString(), "--strict", SAMPLES.toString());
    assertThat(strict.exitCode()).isEqualTo(ExitCodes.UNPARSED_INPUT);
  }

  @Test
  void traceToOneRecipientShowsTheRetryUnderOneKeyWithLinesOfAllFourLogs() throws IOException {
    String data = indexed("UTC");
    List<JsonNode> rows = jsonLines(CliRun.of("trace", "--data", data, "--format", "json", "--to",
        "BOB@example.net").out());
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.get("verdict").asText()).isEqualTo("HANDED_OVER");
      assertThat(row.get("attempts").asInt()).isEqualTo(2);
      assertThat(row.get("sender").asText()).isEqualTo("sales@example.com");
      assertThat(row.get("relay").asText()).isEqualTo("198.51.100.25");
      assertThat(row.get("reply").asText()).startsWith("250 2.0.0 Ok: queued as ");
      assertThat(row.get("remote_id").asText()).isNotBlank();
      assertThat(row.get("first_seen").asText()).isEqualTo("2026-03-02T09:15:04.211Z");
      List<String> texts = new ArrayList<>();
      row.get("evidence").forEach(line -> texts.add(line.get("text").asText()));
      assertThat(texts).anyMatch(t -> t.contains("C --> 452 4.2.2 <bob@example.net>"))
          .anyMatch(t -> t.contains("[Failure reason: Unable to send email to the server. 452 4.2.2")
              && t.contains("\n],Subject: Q1 invoice 4471, final"))
          .anyMatch(t -> t.contains("Message queued for retry. Recipient(s): bob@example.net"))
          .anyMatch(t -> t.contains("] bob@example.net,sales@example.com,Subject: Q1 invoice 4471, final"))
          .anyMatch(t -> t.contains("Retry attempt 1 succeeded. Recipient: bob@example.net"))
          .noneMatch(t -> t.contains("alice@example.net"))
          .doesNotHaveDuplicates();
    });
    String retryLcid = "7100011";
    List<JsonNode> byRetryLcid = jsonLines(CliRun.of("trace", "--data", data, "--format", "json", "--id",
        retryLcid).out());
    assertThat(byRetryLcid).extracting(r -> r.get("recipient").asText())
        .containsExactlyInAnyOrder("alice@example.net", "bob@example.net", "zoe@example.net");
    CliRun table = CliRun.of("trace", "--data", data, "--to", "carol@example.org");
    assertThat(table.out()).contains("EXPIRED").contains("connection-failure")
        .contains("No Server Listening on Port 25").contains("Giving up on carol@example.org");
  }

  @Test
  void checkExitCodesFollowTheVerdictAndFormatsListsXeams() throws IOException {
    String data = indexed("UTC");
    SoftAssertions softly = new SoftAssertions();
    for (JsonNode want : expected()) {
      String recipient = want.get("recipient").asText();
      CliRun check = CliRun.of("check", "--data", data, "--to", recipient);
      softly.assertThat(check.exitCode()).as("check --to %s", recipient)
          .isEqualTo(CHECK_CODE_BY_VERDICT.get(want.get("verdict").asText()));
      softly.assertThat(check.out()).startsWith(want.get("verdict").asText() + " " + recipient);
    }
    softly.assertAll();
    CliRun formats = CliRun.of("formats");
    assertThat(formats.exitCode()).isZero();
    assertThat(formats.out().lines()).anyMatch(line -> line.startsWith("xeams ") && line.contains("SmtpQueue"));
  }

  @Test
  void timestampsTakeTheZoneGivenAndTheJsonShowsUtc() throws IOException {
    String data = indexed("Europe/Berlin");
    List<JsonNode> rows = jsonLines(CliRun.of("trace", "--data", data, "--format", "json", "--to",
        "alice@example.net").out());
    assertThat(rows).singleElement()
        .satisfies(row -> assertThat(row.get("first_seen").asText()).isEqualTo("2026-03-02T08:15:04.211Z"));
  }
}
