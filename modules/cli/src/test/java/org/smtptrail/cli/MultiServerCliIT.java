package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtptrail.cli.ExpectedRows.jsonLines;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code index --config sample-logs/smtptrail.yaml} indexes the Postfix, Axigen and Xeams samples of three
 * servers into one data folder, each source with its own format, host label and zone: every row of each set's
 * expected.jsonl is there with its verdict, and nothing else; re-indexing adds nothing, and neither do renamed or
 * gzipped rotations of files already read.
 */
class MultiServerCliIT {
  private static final Path SAMPLES = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"));
  /** The host label sample-logs/smtptrail.yaml gives the Xeams source (its lines name no host). */
  private static final String XEAMS_HOST = "mail.example.com";
  private static final String INDEXED_ALL = "indexed 16 file(s) (0 unchanged, 0 skipped)";

  @TempDir Path temp;
  private Path samples;
  private String data;

  /** Copies the three sets and the configuration, dated the day after the logs (classic syslog has no year). */
  @BeforeEach
  void copySamples() throws IOException {
    samples = temp.resolve("sample-logs");
    for (String set : List.of("postfix", "axigen", "xeams")) {
      try (Stream<Path> files = Files.walk(SAMPLES.resolve(set))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path copy = samples.resolve(SAMPLES.relativize(file).toString());
          Files.createDirectories(copy.getParent());
          Files.copy(file, copy);
          Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-11-23T23:00:00Z")));
        }
      }
    }
    Files.copy(SAMPLES.resolve("smtptrail.yaml"), samples.resolve("smtptrail.yaml"));
    data = temp.resolve("data").toString();
  }

  private CliRun index() {
    return CliRun.of("index", "--data", data, "--config", samples.resolve("smtptrail.yaml").toString());
  }

  private List<JsonNode> allRows() {
    CliRun trace = CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0");
    assertThat(trace.exitCode()).as(trace.err()).isZero();
    return jsonLines(trace.out());
  }

  /** The rows whose evidence lies in one folder of the samples (the folders are the sets). */
  private List<JsonNode> rowsFrom(List<JsonNode> rows, String folder, Predicate<String> also) {
    String prefix = samples.resolve(folder) + "/";
    return rows.stream().filter(row -> {
      String file = row.get("evidence").get(0).get("file").asText();
      return file.startsWith(prefix) && also.test(file.substring(prefix.length()));
    }).toList();
  }

  private static List<JsonNode> expected(String set, Predicate<JsonNode> which) throws IOException {
    return ExpectedRows.read(SAMPLES.resolve(set).resolve("expected.jsonl")).stream().filter(which).toList();
  }

  @Test
  void everyExpectedRowOfEverySetWithItsVerdictHostAndZone() throws IOException {
    CliRun index = index();
    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(index.err()).isEmpty();
    assertThat(index.out()).contains(INDEXED_ALL).contains(" 4 unparsed lines");
    List<JsonNode> rows = allRows();

    for (String variant : List.of("classic", "rfc3339")) {
      Predicate<String> inVariant = file -> file.startsWith("rfc3339/") == variant.equals("rfc3339");
      ExpectedRows.assertMatch(rowsFrom(rows, "postfix", inVariant),
          expected("postfix", row -> row.get("log").asText().equals(variant)), ExpectedRows::messageIdAndRecipient,
          (softly, key, want, got) -> softly.assertThat(got.get("host").asText()).as("host of %s", key)
              .isEqualTo("mx1"));
    }
    ExpectedRows.assertMatch(rowsFrom(rows, "axigen", file -> true), expected("axigen", row -> true),
        ExpectedRows::messageIdAndRecipient, AxigenCliIT::checkHostAndModules);
    ExpectedRows.assertMatch(rowsFrom(rows, "xeams", file -> true), expected("xeams", row -> true),
        row -> XeamsCliIT.keyAndRecipient(row).replace("xeams:xeams:", "xeams:" + XEAMS_HOST + ":"),
        (softly, key, want, got) -> {
          XeamsCliIT.checkLogsInEvidence(softly, key, want, got);
          softly.assertThat(got.get("host").asText()).as("host of %s: the source's label", key).isEqualTo(XEAMS_HOST);
        });
    int expectedRows = 0;
    for (String set : List.of("postfix", "axigen", "xeams")) {
      expectedRows += expected(set, row -> true).size();
    }
    assertThat(rows).as("every row belongs to one of the sets").hasSize(expectedRows);

    Map<String, String> firstSeen = rows.stream().collect(Collectors.toMap(
        row -> row.get("recipient").asText(), row -> row.get("first_seen").asText(), (a, b) -> a));
    assertThat(firstSeen).as("each source's zone: Axigen through syslog at +01:00, Xeams in UTC")
        .containsEntry("tom@example.com", "2026-11-22T09:00:01Z")
        .containsEntry("alice@example.net", "2026-03-02T09:15:04.211Z");
  }

  @Test
  void reindexingAndRenamedOrGzippedRotationsAddNothing() throws IOException {
    assertThat(index().exitCode()).isZero();
    List<JsonNode> before = allRows();
    CliRun again = index();
    assertThat(again.out()).as("re-indexing adds nothing").contains("(16 unchanged, 0 skipped)").contains(" 0 events");

    // logrotate after the first run: dateext rename, compression of an older piece, a daily rename
    Files.move(samples.resolve("postfix/mail.log"), samples.resolve("postfix/mail.log-20261124"));
    Path axigenOld = samples.resolve("axigen/log/everything.txt.1");
    Path compressed = samples.resolve("axigen/log/everything.txt.2.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(compressed))) {
      out.write(Files.readAllBytes(axigenOld));
    }
    Files.delete(axigenOld);
    Files.move(samples.resolve("xeams/SmtpQueue.log"), samples.resolve("xeams/SmtpQueue.log.2026-03-03"));

    CliRun rotated = index();
    assertThat(rotated.exitCode()).as(rotated.err()).isZero();
    assertThat(rotated.out()).as("the same content under other names is known by its fingerprint")
        .contains("indexed 0 file(s) (16 unchanged, 0 skipped)").contains(" 0 lines, 0 events");
    assertThat(allRows()).as("the same rows as before").isEqualTo(before);
  }

  /**
   * {@code tail --config} reads every source with its own options. Only the Postfix and Axigen rows are compared
   * with {@code index}: tailing a Xeams backlog of several rotated days does not yet join every retry the way a batch
   * run does (a known limitation of the tailer with Xeams, independent of the configuration).
   */
  @Test
  void tailWithTheSameConfigurationReadsEachSourceWithItsOwnOptions() throws IOException {
    assertThat(index().exitCode()).isZero();
    List<JsonNode> indexed = allRows();
    data = temp.resolve("tailed").toString();
    CliRun tail = CliRun.of("tail", "--data", data, "--max-seconds", "8", "--config",
        samples.resolve("smtptrail.yaml").toString());
    assertThat(tail.exitCode()).as(tail.err()).isZero();
    assertThat(tail.out()).contains("following [" + samples + "/postfix/mail.log*, " + samples
        + "/postfix/rfc3339/mail.log, ");
    List<JsonNode> tailed = allRows();
    assertThat(verdictLines(tailed, "postfix", "axigen")).isEqualTo(verdictLines(indexed, "postfix", "axigen"));
    assertThat(tailed).filteredOn(row -> row.get("format").asText().equals("xeams")).isNotEmpty()
        .allSatisfy(row -> assertThat(row.get("host").asText()).isEqualTo(XEAMS_HOST))
        .anySatisfy(row -> assertThat(row.get("first_seen").asText()).isEqualTo("2026-03-02T09:15:04.211Z"));
  }

  private static List<String> verdictLines(List<JsonNode> rows, String... formats) {
    List<String> formatList = List.of(formats);
    return rows.stream().filter(row -> formatList.contains(row.get("format").asText()))
        .map(row -> row.get("key").asText() + " " + row.get("recipient").asText() + " " + row.get("verdict").asText()
            + " " + row.get("first_seen").asText())
        .sorted().toList();
  }
}
