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
import org.smtptrail.cli.render.ExitCodes;

/**
 * Indexes the generated Axigen sample logs (sample-logs/axigen: a rotated everything.txt, a classic and an RFC 3339
 * syslog file) through the CLI, in-process, and checks every expected verdict in sample-logs/axigen/expected.jsonl:
 * verdict, category, reply code, attempts and evidence from each Axigen module the row lists; then the exit codes of
 * {@code check}, {@code events}, the table, and {@code formats}.
 */
class AxigenCliIT {
  private static final Path SAMPLES = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"))
      .resolve("axigen");
  /** Which host wrote each file set of expected.jsonl. */
  static final Map<String, String> HOST_OF_LOG = Map.of("log/everything.txt", "mx1", "syslog/mail.log", "mx2",
      "rsyslog/mail.log", "mx3");

  @TempDir Path temp;
  private Path logs;
  private String data;

  /** Copies the whole sample folder, dated the day after the logs (classic syslog takes its year from that). */
  @BeforeEach
  void copySamples() throws IOException {
    logs = temp.resolve("axigen");
    try (Stream<Path> files = Files.walk(SAMPLES)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = logs.resolve(SAMPLES.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
        Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-11-23T23:00:00Z")));
      }
    }
    data = temp.resolve("data").toString();
  }

  private CliRun index() {
    return CliRun.of("index", "--data", data, "--timezone", "+01:00", logs.toString());
  }

  private static List<JsonNode> expected() throws IOException {
    return ExpectedRows.read(SAMPLES.resolve("expected.jsonl"));
  }

  /**
   * What Axigen's expected.jsonl says beyond verdicts: the host that wrote each file set, evidence only from that
   * set's folder, and evidence from each Axigen module the row lists.
   */
  static void checkHostAndModules(SoftAssertions softly, String key, JsonNode want, JsonNode got) {
    softly.assertThat(got.get("format").asText()).as("format of %s", key).isEqualTo("axigen");
    String log = want.get("log").asText();
    softly.assertThat(got.get("host").asText()).as("host of %s", key).isEqualTo(HOST_OF_LOG.get(log));
    List<String> evidence = new ArrayList<>();
    got.get("evidence").forEach(line -> evidence.add(line.get("text").asText()));
    softly.assertThat(got.get("evidence")).as("evidence files of %s", key)
        .allSatisfy(line -> assertThat(line.get("file").asText()).contains(log.substring(0, log.indexOf('/'))));
    for (JsonNode service : want.get("evidence_services")) {
      softly.assertThat(evidence).as("evidence of %s from %s", key, service.asText())
          .anyMatch(text -> text.contains(" " + service.asText() + ":"));
    }
  }

  /** The 1-based number of the first line of a sample file that contains {@code text}. */
  private static int lineOf(String file, String text) throws IOException {
    List<String> lines = Files.readAllLines(SAMPLES.resolve(file));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }

  @Test
  void everyExpectedVerdictWithEvidenceFromEachModule() throws IOException {
    CliRun index = index();
    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(index.err()).isEmpty();
    assertThat(index.out()).contains("indexed 4 file(s)").contains(" 2 unparsed lines")
        .contains("of no known log format (use --format to force): README.md");

    CliRun trace = CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0");
    assertThat(trace.exitCode()).isZero();
    assertThat(trace.err()).isEmpty();
    List<JsonNode> expected = expected();
    assertThat(expected).hasSize(21);
    ExpectedRows.assertMatch(jsonLines(trace.out()), expected, ExpectedRows::messageIdAndRecipient,
        AxigenCliIT::checkHostAndModules);

    CliRun again = index();
    assertThat(again.out()).as("re-indexing adds nothing").contains(" 0 events");
  }

  @Test
  void unknownLinesAreListedWithFileAndLine() throws IOException {
    CliRun index = index();
    Path live = logs.resolve("log/everything.txt");
    assertThat(index.out())
        .contains("unparsed " + live + ":" + lineOf("log/everything.txt", "Session statistics")
            + ": expected a known SMTP-OUT line")
        .contains("unparsed " + live + ":" + Files.readAllLines(SAMPLES.resolve("log/everything.txt")).size()
            + ": expected an Axigen line");
    CliRun strict = CliRun.of("index", "--data", temp.resolve("strict").toString(), "--strict", logs.toString());
    assertThat(strict.exitCode()).isEqualTo(ExitCodes.UNPARSED_INPUT);
  }

  @Test
  void oneMessageKeyFromSmtpInToSmtpOutAcrossTheRotation() throws IOException {
    assertThat(index().exitCode()).isZero();
    List<JsonNode> rows = jsonLines(CliRun.of("trace", "--data", data, "--format", "json", "--to",
        "Frank@Example.NET").out());
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.get("key").asText()).isEqualTo("axigen:mx1:003F1004");
      assertThat(row.get("sender").asText()).isEqualTo("bob@example.com");
      assertThat(row.get("client").asText()).isEqualTo("bob-pc.example.com[203.0.113.47]");
      assertThat(row.get("relay").asText()).isEqualTo("mx.example.net[198.51.100.30]:25");
      assertThat(row.get("reply").asText()).isEqualTo("250 2.0.0 Ok: queued as 7HbX2p0QzR");
      assertThat(row.get("remote_id").asText()).isEqualTo("7HbX2p0QzR");
      assertThat(row.get("first_seen").asText()).isEqualTo("2026-11-22T05:21:09Z");
      List<String> files = new ArrayList<>();
      row.get("evidence").forEach(line -> files.add(line.get("file").asText()));
      assertThat(files).as("evidence from both sides of logrotate")
          .contains(logs.resolve("log/everything.txt.1").toString(), logs.resolve("log/everything.txt").toString());
    });
    CliRun byId = CliRun.of("trace", "--data", data, "--format", "json", "--id", "003f1004");
    assertThat(jsonLines(byId.out())).singleElement()
        .satisfies(row -> assertThat(row.get("recipient").asText()).isEqualTo("frank@example.net"));
  }

  @Test
  void checkExitCodesFollowTheVerdict() throws IOException {
    assertThat(index().exitCode()).isZero();
    Map<String, Integer> codeByVerdict = Map.of("HANDED_OVER", 0, "DELIVERED_LOCALLY", 0, "BOUNCED", 4,
        "REJECTED", 4, "DEFERRED", 5);
    Map<String, JsonNode> newestByRecipient = new HashMap<>();
    for (JsonNode row : jsonLines(CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0").out())) {
      newestByRecipient.putIfAbsent(row.get("recipient").asText(), row); // newest first
    }
    assertThat(newestByRecipient.values()).extracting(row -> row.get("verdict").asText())
        .containsAll(codeByVerdict.keySet());
    SoftAssertions softly = new SoftAssertions();
    for (JsonNode row : newestByRecipient.values()) {
      String recipient = row.get("recipient").asText();
      CliRun check = CliRun.of("check", "--data", data, "--to", recipient);
      softly.assertThat(check.exitCode()).as("check --to %s (%s)", recipient, row.get("verdict"))
          .isEqualTo(codeByVerdict.get(row.get("verdict").asText()));
      softly.assertThat(check.out()).startsWith(row.get("verdict").asText() + " " + recipient);
    }
    softly.assertAll();
    assertThat(CliRun.of("check", "--data", data, "--to", "nobody@nowhere.example").exitCode())
        .isEqualTo(ExitCodes.NO_RECORD);
  }

  @Test
  void tableAndEventsShowTheEvidenceOfEachModule() throws IOException {
    assertThat(index().exitCode()).isZero();
    CliRun table = CliRun.of("trace", "--data", data, "--to", "judy@example.org");
    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).contains("BOUNCED").contains("mx.example.org[198.51.100.25]:25")
        .contains("mailbox-full: the recipient's mailbox is over quota")
        .contains(" SMTP-IN:0000A40E: << RCPT TO:<judy@example.org>")
        .contains(" PROCESSING:003F1008: Set recipient <judy@example.org> state to FAILED")
        .contains(" SMTP-OUT:0000A410: << 552 5.2.2 Please direct the recipient")
        .as("the report to the sender is linked as evidence")
        .contains(" PROCESSING:003F1009: Set recipient <grace@example.com> state to RECEIVED")
        .as("another recipient's session is not judy's evidence (its unknown line is the message's)")
        .doesNotContain("SMTP-OUT:0000A40F: [192.0.2.10:41001] connected to").doesNotContain("2LpW8vYc3N")
        .contains("SMTP-OUT:0000A40F: Session statistics");
    CliRun events = CliRun.of("events", "--data", data, "axigen:mx1:003F1001");
    assertThat(events.exitCode()).isZero();
    assertThat(events.out()).contains(" SMTP-IN:0000A403: New mail ").contains(" PROCESSING:003F1001: ")
        .contains(" SMTP-OUT:0000A404: << 250 2.0.0 Ok: queued as 4ZkQ3Lq1xY");
  }

  @Test
  void formatsListsAxigen() {
    CliRun formats = CliRun.of("formats");
    assertThat(formats.exitCode()).isZero();
    assertThat(formats.out().lines()).anyMatch(line -> line.startsWith("axigen ") && line.contains("SMTP-OUT"));
    CliRun forced = CliRun.of("index", "--data", data, "--format", "AXIGEN",
        logs.resolve("syslog/mail.log").toString());
    assertThat(forced.exitCode()).isZero();
    assertThat(forced.out()).contains("indexed 1 file(s)").contains(" 0 unparsed lines");
  }
}
