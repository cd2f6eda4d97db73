package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code stats} on the three sample-log sets: every count is derived from the set's expected.jsonl (the verdicts a
 * person checked), never copied from output; then --by, --since/--until and the output formats.
 */
class StatsCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLES = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"));
  private static final List<String> DELIVERED = List.of("HANDED_OVER", "DELIVERED_LOCALLY");

  /** A sample set and the zone its timestamps without offset are in (as its own IT indexes it). */
  enum SampleSet {
    POSTFIX("postfix", "UTC"),
    AXIGEN("axigen", "+01:00"),
    AXIGEN_DEFAULT_LEVEL("axigen-default", "+01:00"),
    XEAMS("xeams", "UTC");

    final String folder;
    final String zone;

    SampleSet(String folder, String zone) {
      this.folder = folder;
      this.zone = zone;
    }
  }

  @TempDir Path temp;

  /** Copies the set, dated the day after the logs (classic syslog takes its year from that), and indexes it. */
  private String index(SampleSet set) throws IOException {
    Path source = SAMPLES.resolve(set.folder);
    Path logs = temp.resolve(set.folder);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = logs.resolve(source.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
        Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-11-23T23:00:00Z")));
      }
    }
    String data = temp.resolve("data-" + set.folder).toString();
    CliRun index = CliRun.of("index", "--data", data, "--timezone", set.zone, logs.toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
    return data;
  }

  private static List<JsonNode> expected(SampleSet set) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLES.resolve(set.folder).resolve("expected.jsonl"))) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }

  /** The JSON lines of {@code stats}: "total" first, then the groups by key. */
  private static Map<String, JsonNode> stats(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("stats", "--format", "json"));
    command.addAll(List.of(args));
    CliRun run = CliRun.of(command.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    Map<String, JsonNode> lines = new LinkedHashMap<>();
    for (JsonNode line : run.jsonLines()) {
      lines.put(line.get("by").asText().equals("total") ? "total" : line.get("key").asText(), line);
    }
    assertThat(lines).containsKey("total");
    return lines;
  }

  private static Map<String, Long> countBy(List<JsonNode> rows, Function<JsonNode, String> key) {
    return rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  private static long count(List<JsonNode> rows, List<String> verdicts) {
    return rows.stream().filter(r -> verdicts.contains(r.get("verdict").asText())).count();
  }

  private static Map<String, Long> groupRows(Map<String, JsonNode> stats) {
    Map<String, Long> rows = new TreeMap<>();
    stats.forEach((key, line) -> {
      if (!key.equals("total")) {
        rows.put(key, line.get("rows").asLong());
      }
    });
    return rows;
  }

  @ParameterizedTest
  @EnumSource(SampleSet.class)
  void totalsAndVerdictsFollowTheExpectedRows(SampleSet set) throws IOException {
    String data = index(set);
    List<JsonNode> expected = expected(set);
    Map<String, JsonNode> byVerdict = stats("--data", data, "--by", "verdict");
    JsonNode total = byVerdict.get("total");
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(total.get("rows").asLong()).as("rows").isEqualTo(expected.size());
    softly.assertThat(groupRows(byVerdict)).as("rows per verdict")
        .isEqualTo(countBy(expected, r -> r.get("verdict").asText()));
    softly.assertThat(total.get("delivered").asLong() + total.get("forwarded").asLong())
        .as("delivered + forwarded").isEqualTo(count(expected, DELIVERED));
    softly.assertThat(total.get("deferred").asLong()).as("deferred").isEqualTo(count(expected, List.of("DEFERRED")));
    softly.assertThat(total.get("bounced").asLong()).as("bounced").isEqualTo(count(expected, List.of("BOUNCED")));
    softly.assertThat(total.get("expired").asLong()).as("expired").isEqualTo(count(expected, List.of("EXPIRED")));
    softly.assertThat(total.get("rejected").asLong()).as("rejected").isEqualTo(count(expected, List.of("REJECTED")));
    softly.assertThat(total.get("unknown").asLong()).as("unknown").isEqualTo(count(expected, List.of("UNKNOWN")));
    softly.assertThat(total.get("deferrals").asLong()).as("deferrals: every attempt but a deciding one")
        .isEqualTo(expected.stream().mapToLong(StatsCliIT::deferrals).sum());
    softly.assertThat(total.get("handed_over").asLong() + total.get("delivered_locally").asLong())
        .as("delivered is handed over + delivered locally").isEqualTo(total.get("delivered").asLong());
    softly.assertAll();
  }

  /** The temporarily failed attempts of an expected row: all its attempts, less the one that decided it. */
  private static long deferrals(JsonNode row) {
    long attempts = row.get("attempts").asLong();
    return switch (row.get("verdict").asText()) {
      case "HANDED_OVER", "DELIVERED_LOCALLY", "BOUNCED" -> attempts - 1;
      default -> attempts;
    };
  }

  @ParameterizedTest
  @EnumSource(SampleSet.class)
  void byDomainAndByCategoryFollowTheExpectedRows(SampleSet set) throws IOException {
    String data = index(set);
    List<JsonNode> expected = expected(set);
    assertThat(groupRows(stats("--data", data, "--by", "domain")))
        .isEqualTo(countBy(expected, r -> r.get("recipient").asText().toLowerCase().replaceFirst("^.*@", "")));
    assertThat(groupRows(stats("--data", data, "--by", "category")))
        .isEqualTo(countBy(expected, r -> r.get("category").isNull() ? "(none)" : r.get("category").asText()));
    Map<String, JsonNode> byHost = stats("--data", data, "--by", "host");
    assertThat(groupRows(byHost).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(expected.size());
    Map<String, JsonNode> byRelay = stats("--data", data, "--by", "relay");
    assertThat(groupRows(byRelay).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(expected.size());
  }

  @Test
  void sinceAndUntilKeepTheRowsTraceKeeps() throws IOException {
    String data = index(SampleSet.POSTFIX);
    long all = expected(SampleSet.POSTFIX).size();
    for (String[] range : List.of(new String[] {"--since", "2026-11-23T09:33:30Z"},
        new String[] {"--until", "2026-11-23T09:33:30Z"},
        new String[] {"--since", "2026-11-23T09:33:00Z", "--until", "2026-11-23T09:34:00Z"})) {
      List<String> trace = new ArrayList<>(List.of("trace", "--data", data, "--format", "json", "--limit", "0"));
      trace.addAll(List.of(range));
      long traced = CliRun.of(trace.toArray(String[]::new)).jsonLines().size();
      List<String> args = new ArrayList<>(List.of("--data", data));
      args.addAll(List.of(range));
      long counted = stats(args.toArray(String[]::new)).get("total").get("rows").asLong();
      assertThat(counted).as(String.join(" ", range)).isEqualTo(traced).isPositive().isLessThan(all);
    }
    assertThat(stats("--data", data, "--since", "100000d").get("total").get("rows").asLong()).isEqualTo(all);
    assertThat(stats("--data", data, "--since", "2026-11-24").get("total").get("rows").asLong()).isZero();
    assertThat(stats("--data", data, "--until", "2026-11-22").get("total").get("messages").asLong()).isZero();
  }

  @Test
  void tableAndCsvShowTheSameFiguresAsJson() throws IOException {
    String data = index(SampleSet.POSTFIX);
    Map<String, JsonNode> json = stats("--data", data, "--by", "domain");
    JsonNode total = json.get("total");

    CliRun table = CliRun.of("stats", "--data", data, "--by", "domain");
    assertThat(table.exitCode()).isZero();
    assertThat(table.out())
        .containsPattern("(?m)^  received +" + total.get("received").asLong() + "  \\[received\\]")
        .containsPattern("(?m)^  delivered +" + total.get("delivered").asLong() + "  \\[delivered\\] +handed over "
            + total.get("handed_over").asLong() + ", delivered locally " + total.get("delivered_locally").asLong())
        .containsPattern("(?m)^  messages deferred +" + total.get("messages_deferred").asLong() + "  \\[deferred\\]")
        .containsPattern("(?m)^  deferrals +" + total.get("deferrals").asLong() + "  \\[deferrals\\]")
        .containsPattern("(?m)^  domain +messages +rows +delivered");
    JsonNode exampleCom = json.get("example.com");
    assertThat(table.out()).containsPattern("(?m)^  example\\.com +" + exampleCom.get("messages").asLong() + " +"
        + exampleCom.get("rows").asLong() + " +" + exampleCom.get("delivered").asLong() + " ");

    CliRun csv = CliRun.of("stats", "--data", data, "--by", "domain", "--format", "csv");
    assertThat(csv.exitCode()).isZero();
    List<String> lines = csv.out().lines().toList();
    assertThat(lines).hasSize(json.size() + 1);
    List<String> header = List.of(lines.get(0).split(","));
    List<String> totals = List.of(lines.get(1).split(",", -1));
    assertThat(header).startsWith("by", "key", "messages", "rows", "received", "delivered");
    for (int i = 2; i < header.size(); i++) {
      assertThat(totals.get(i)).as(header.get(i)).isEqualTo(total.get(header.get(i)).asText());
    }
  }

  @Test
  void anEmptyDataFolderCountsZeroAndABadGroupIsAUsageError() throws IOException {
    String data = temp.resolve("empty").toString();
    JsonNode total = stats("--data", data).get("total");
    assertThat(total.get("rows").asLong()).isZero();
    assertThat(total.get("received").asLong()).isZero();
    CliRun bad = CliRun.of("stats", "--data", data, "--by", "sender");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("domain", "relay", "category", "verdict", "host");
  }

  @Test
  void addressVerificationProbesAreNamedByIndexAndCountedApartByStats() throws IOException {
    Path logs = Files.createDirectories(temp.resolve("probes"));
    Path log = Files.copy(SAMPLES.resolve("cases/postfix/11-verify-probes/mail.log"), logs.resolve("mail.log"));
    Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2026-11-24T00:00:00Z")));
    String data = temp.resolve("data-probes").toString();
    CliRun index = CliRun.of("index", "--data", data, "--timezone", "UTC", "--strict", logs.toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(index.out()).contains(", 5 address-verification probes (not deliveries, no rows), ");

    Map<String, JsonNode> json = stats("--data", data, "--by", "verdict");
    assertThat(json.get("total").get("probes").asLong()).isEqualTo(5);
    assertThat(json.get("total").get("rows").asLong()).as("the one message that is no probe").isEqualTo(1);
    assertThat(json.get("total").get("unknown").asLong()).isZero();
    assertThat(json.get("HANDED_OVER").get("probes").isNull()).as("probes are in no group").isTrue();
    assertThat(stats("--data", data, "--since", "2026-11-23T14:15:00Z").get("total").get("probes").asLong())
        .isEqualTo(3);
    CliRun table = CliRun.of("stats", "--data", data);
    assertThat(table.out()).containsPattern("(?m)^  probes +5  +address-verification probes");
    CliRun plain = CliRun.of("index", "--data", data, "--timezone", "UTC", logs.toString());
    assertThat(plain.out()).as("nothing new, no probes named").doesNotContain("probes");
  }
}
