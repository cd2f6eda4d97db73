package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtptrail.cli.ExpectedRows.jsonLines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes sample-logs/journey (Xeams and a Postfix mx1 handing messages over to the Postfix mx2) in-process and checks
 * every expected journey of its expected.jsonl: one row per (first server's message, recipient), the last hop's
 * verdict, and every hop (host, key, verdict, link) in order; then the table, CSV and {@code check} forms.
 */
class JourneyCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLES = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"))
      .resolve("journey");

  @TempDir Path temp;

  private String indexed() {
    String data = temp.resolve("data").toString();
    CliRun index = CliRun.of("index", "--data", data, "--timezone", "UTC", SAMPLES.toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(index.out()).contains(" 0 unparsed lines");
    return data;
  }

  private static String rowKey(JsonNode row) {
    return row.get("key").asText() + " " + row.get("recipient").asText();
  }

  private static List<JsonNode> expected() throws IOException {
    return jsonLines(Files.readString(SAMPLES.resolve("expected.jsonl")));
  }

  @Test
  void everyJourneyIsOneRowWithTheLastHopsVerdictAndEveryHopInOrder() throws IOException {
    String data = indexed();
    CliRun trace = CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0");
    assertThat(trace.exitCode()).isZero();
    Map<String, JsonNode> actual = new HashMap<>();
    for (JsonNode row : jsonLines(trace.out())) {
      assertThat(actual.put(rowKey(row), row)).as("one row per journey: %s", rowKey(row)).isNull();
    }
    List<JsonNode> expected = expected();
    assertThat(expected).hasSizeGreaterThanOrEqualTo(9);
    SoftAssertions softly = new SoftAssertions();
    for (JsonNode want : expected) {
      String key = rowKey(want);
      JsonNode got = actual.get(key);
      softly.assertThat(got).as("row for %s (%s)", key, want.get("scenario").asText()).isNotNull();
      if (got == null) {
        continue;
      }
      for (String field : List.of("verdict", "category", "reply_code", "attempts", "message_id")) {
        softly.assertThat(got.get(field)).as("%s of %s", field, key).isEqualTo(want.get(field));
      }
      List<String> wantHops = new ArrayList<>();
      want.get("hops").forEach(hop -> wantHops.add(hop.toString()));
      List<String> gotHops = new ArrayList<>();
      got.get("hops").forEach(hop -> gotHops.add(JSON.createObjectNode().put("host", hop.get("host").asText())
          .put("key", hop.get("key").asText()).put("verdict", hop.get("verdict").asText())
          .set("link", hop.get("link")).toString()));
      softly.assertThat(gotHops).as("hops of %s", key).isEqualTo(wantHops);
      softly.assertThat(got.get("verdict")).as("the row's verdict is its last hop's")
          .isEqualTo(got.get("hops").get(got.get("hops").size() - 1).get("verdict"));
      List<String> files = new ArrayList<>();
      got.get("evidence").forEach(line -> files.add(Path.of(line.get("file").asText()).getParent().getFileName()
          .toString()));
      want.get("hops").forEach(hop -> softly.assertThat(files).as("evidence of %s", key)
          .contains(hop.get("host").asText()));
    }
    softly.assertThat(actual.keySet()).as("rows nobody expected")
        .containsExactlyInAnyOrderElementsOf(expected.stream().map(JourneyCliIT::rowKey).toList());
    softly.assertAll();
  }

  @Test
  void theSecondServersQueueIdFindsTheWholeJourneyAndTheTableShowsItsHops() throws IOException {
    String data = indexed();
    JsonNode erin = expected().stream().filter(row -> row.get("recipient").asText().equals("erin@example.org"))
        .findFirst().orElseThrow();
    String mx2Key = erin.get("hops").get(1).get("key").asText();
    String mx2QueueId = mx2Key.substring(mx2Key.lastIndexOf(':') + 1);
    CliRun table = CliRun.of("trace", "--data", data, "--id", mx2QueueId);
    assertThat(table.out()).startsWith("BOUNCED            erin@example.org  ")
        .contains("  " + erin.get("key").asText() + "\n")
        .containsPattern("\n    hop 1  HANDED_OVER        mail\\.example\\.com  .*  " + erin.get("key").asText() + "\n")
        .containsPattern("\n    hop 2  BOUNCED            mx2  .*  " + mx2Key
            + "  \\(its queue id was in the previous hop's reply\\)\n")
        .contains("recipient-unknown: ");
    assertThat(table.out().indexOf("hop 2")).isLessThan(table.out().indexOf("SMTPOutboundConversation.log:"));

    CliRun csv = CliRun.of("trace", "--data", data, "--to", "erin@example.org", "--format", "csv");
    List<String> lines = csv.out().lines().toList();
    assertThat(lines.get(0)).endsWith(",evidence,hops");
    assertThat(lines.get(1)).endsWith(",\"mail.example.com " + erin.get("key").asText() + " HANDED_OVER > mx2 "
        + mx2Key + " BOUNCED\"");
  }

  @Test
  void checkAnswersWithTheLastHopsVerdict() {
    String data = indexed();
    assertThat(CliRun.of("check", "--data", data, "--to", "erin@example.org").exitCode()).isEqualTo(4);
    CliRun dave = CliRun.of("check", "--data", data, "--to", "dave@example.org");
    assertThat(dave.exitCode()).isEqualTo(5);
    assertThat(dave.out()).startsWith("DEFERRED dave@example.org via mx.example.org[198.51.100.40]:25: 421 4.7.0 ");
    assertThat(CliRun.of("check", "--data", data, "--to", "alice@example.com").exitCode()).isZero();
    CliRun frank = CliRun.of("check", "--data", data, "--to", "frank@example.com");
    assertThat(frank.exitCode()).as("handed over to a server whose log is not indexed").isZero();
    assertThat(frank.out()).startsWith("HANDED_OVER frank@example.com via 192.0.2.40: 250 2.0.0 Ok: queued as ");
  }
}
