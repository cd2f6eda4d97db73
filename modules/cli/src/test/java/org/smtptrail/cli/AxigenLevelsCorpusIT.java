package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One generated Axigen corpus (benchmarks/axigen/generate_corpus.py, 1 500 messages, 3 % of the relayed recipients
 * ending deferred) written at both log levels: protocol (every line) and Axigen's shipped default (no level-16
 * conversation lines), each indexed from its file on disk into its own index. Every (message, recipient) must get
 * the generator's expected verdict and attempts at both levels, and so the same at both; only the recipients that
 * SMTP-IN refused, of which the default level logs nothing, are rows of the protocol level alone.
 *
 * <p>The generator is Python 3: skipped when python3 is not installed, unless SMTPTRAIL_REQUIRE_PYTHON=1 (CI), which
 * turns its absence into a failure. {@code benchmarks/axigen/levels.sh} makes the same comparison with the launcher
 * and prints the figures (benchmarks/RESULTS.md).
 */
class AxigenLevelsCorpusIT {
  private static final Path ROOT = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"))
      .toAbsolutePath().normalize().getParent();
  private static final Path GENERATOR = ROOT.resolve("benchmarks/axigen/generate_corpus.py");
  private static final int MESSAGES = 1_500;

  @TempDir Path temp;

  private static String python() throws InterruptedException {
    try {
      Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
        return "python3";
      }
    } catch (IOException notInstalled) {
      // reported below
    }
    String message = "python3 is not installed (apt-get install -y python3); the corpus generator needs it";
    if ("1".equals(System.getenv("SMTPTRAIL_REQUIRE_PYTHON"))) {
      fail(message + ", and SMTPTRAIL_REQUIRE_PYTHON=1 requires it");
    }
    Assumptions.abort(message + " (set SMTPTRAIL_REQUIRE_PYTHON=1 to fail instead of skipping)");
    return null;
  }

  /** Generates the corpus at {@code level} into {@code folder}. */
  private static void generate(String python, Path folder, String level) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(python, GENERATOR.toString(), folder.toString(), "--messages",
        Integer.toString(MESSAGES), "--seed", "7", "--deferred-share", "0.03", "--level", level)
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("the generator finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  /** Per (Message-ID or "-", recipient): the sorted "VERDICT attempts" of the rows (a name can have several). */
  private static Map<String, List<String>> expected(Path tsv) throws IOException {
    Map<String, List<String>> rows = new TreeMap<>();
    for (String line : Files.readAllLines(tsv)) {
      String[] f = line.split("\t");
      rows.computeIfAbsent(f[0] + " " + f[1].toLowerCase(), k -> new ArrayList<>()).add(f[2] + " " + f[3]);
    }
    rows.values().forEach(list -> list.sort(null));
    return rows;
  }

  private static Map<String, List<String>> indexed(Path log, String data) {
    CliRun index = CliRun.of("index", "--data", data, "--timezone", "UTC", log.toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
    assertThat(index.out()).contains(" 0 unparsed lines");
    CliRun trace = CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0");
    assertThat(trace.exitCode()).as(trace.err()).isZero();
    Map<String, List<String>> rows = new TreeMap<>();
    for (JsonNode row : trace.jsonLines()) {
      rows.computeIfAbsent(ExpectedRows.messageIdAndRecipient(row), k -> new ArrayList<>())
          .add(row.get("verdict").asText() + " " + row.get("attempts").asInt());
    }
    rows.values().forEach(list -> list.sort(null));
    return rows;
  }

  @Test
  void oneCorpusGivesTheExpectedVerdictsAtBothLogLevels() throws Exception {
    String python = python();
    Map<String, Map<String, List<String>>> got = new TreeMap<>();
    Map<String, Map<String, List<String>>> want = new TreeMap<>();
    for (String level : List.of("protocol", "default")) {
      Path folder = temp.resolve(level);
      generate(python, folder, level);
      want.put(level, expected(folder.resolve("expected.tsv")));
      got.put(level, indexed(folder.resolve("everything.txt"), temp.resolve("data-" + level).toString()));
    }
    SoftAssertions softly = new SoftAssertions();
    for (String level : want.keySet()) {
      softly.assertThat(got.get(level)).as("rows at the %s level against the generator's expected.tsv", level)
          .containsExactlyInAnyOrderEntriesOf(want.get(level));
    }
    Map<String, List<String>> protocol = got.get("protocol");
    List<String> onlyAtProtocol = new ArrayList<>();
    for (Map.Entry<String, List<String>> row : protocol.entrySet()) {
      List<String> atDefault = got.get("default").get(row.getKey());
      if (atDefault == null) {
        onlyAtProtocol.addAll(row.getValue());
      } else {
        softly.assertThat(atDefault).as("verdicts and attempts of %s at both levels", row.getKey())
            .isEqualTo(row.getValue());
      }
    }
    softly.assertThat(onlyAtProtocol).as("rows only the protocol level logs: refusals by SMTP-IN").isNotEmpty()
        .allMatch(row -> row.equals("REJECTED 0"));
    softly.assertThat(got.get("default").keySet()).as("no row only the default level has")
        .isSubsetOf(protocol.keySet());
    int rows = want.get("protocol").values().stream().mapToInt(List::size).sum();
    softly.assertThat(rows).as("rows of the corpus").isGreaterThan(2_000);
    softly.assertThat(want.get("protocol").values().stream().flatMap(List::stream).map(r -> r.split(" ")[0])
        .distinct()).as("every kind of verdict is in the corpus")
        .contains("HANDED_OVER", "DELIVERED_LOCALLY", "BOUNCED", "DEFERRED", "REJECTED");
    softly.assertAll();
  }
}
