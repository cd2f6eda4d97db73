package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.primitives.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Xeams sample logs hold two logins to a smart host (M12: AUTH LOGIN, the user name and password as base64 lines
 * after the 334 challenges; M13: AUTH PLAIN with its initial response on the AUTH line), as Xeams logs them. Indexed
 * through the CLI, neither the login nor its base64 may be anywhere: not in the bytes of any file of the data folder
 * (index and state), and, since the index compresses what it stores, not in what reads it back: {@code trace} as
 * table, JSON and CSV with evidence, {@code events}, {@code check}. The exchanges stay as evidence, masked.
 */
class CredentialsCliIT {
  private static final Path SAMPLES = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"))
      .resolve("xeams");
  /** RELAY_USER and RELAY_PASSWORD of sample-logs/xeams/generate.py. */
  private static final String USER = "xeams-relay@example.com";
  private static final String PASSWORD = "Sample-Relay-Pa55";
  private static final String MASKED = "[credentials masked]";

  @TempDir static Path temp;
  private static String data;

  @BeforeAll
  static void indexTheSample() {
    data = temp.resolve("data").toString();
    CliRun index = CliRun.of("index", "--data", data, "--timezone", "UTC", SAMPLES.toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The login in every form the log or a careless decoder could show it. */
  private static List<String> secrets() {
    return List.of(USER, PASSWORD, base64(USER), base64(PASSWORD), base64("\0" + USER + "\0" + PASSWORD));
  }

  @Test
  void theSampleLogsHoldTheLoginInTheClear() throws IOException {
    String log = Files.readString(SAMPLES.resolve("SMTPOutboundConversation.log"));
    assertThat(log).as("else this test proves nothing").contains("S <-- AUTH LOGIN", "S <-- " + base64(USER),
        "S <-- " + base64(PASSWORD), "S <-- AUTH PLAIN " + base64("\0" + USER + "\0" + PASSWORD));
  }

  @Test
  void noFileOfTheDataFolderHoldsTheLogin() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of(data))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).as("index and state files").hasSizeGreaterThan(3);
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      for (String secret : secrets()) {
        assertThat(Bytes.indexOf(bytes, secret.getBytes(StandardCharsets.UTF_8))).as("%s in %s", secret, file)
            .isNegative();
      }
    }
  }

  @Test
  void noOutputShowsTheLoginAndTheEvidenceShowsTheExchangeMasked() {
    List<String> outputs = new ArrayList<>();
    for (String format : new String[] {"table", "json", "csv"}) {
      CliRun trace = CliRun.of("trace", "--data", data, "--format", format, "--evidence", "--limit", "0");
      assertThat(trace.exitCode()).as(trace.err()).isZero();
      outputs.add(trace.out());
    }
    List<JsonNode> rows = CliRun.of("trace", "--data", data, "--format", "json", "--from", "billing@example.com",
        "--to", "nora@example.org").jsonLines();
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.get("verdict").asText()).isEqualTo("HANDED_OVER");
      List<String> evidence = new ArrayList<>();
      row.get("evidence").forEach(line -> evidence.add(line.get("text").asText()));
      assertThat(evidence).anyMatch(text -> text.endsWith("] S <-- AUTH LOGIN"))
          .anyMatch(text -> text.endsWith("] C --> 334 VXNlcm5hbWU6"))
          .anyMatch(text -> text.endsWith("] C --> 334 UGFzc3dvcmQ6"))
          .anyMatch(text -> text.endsWith("] C --> 235 2.7.0 Authentication successful"))
          .filteredOn(text -> text.endsWith("] S <-- " + MASKED)).as("user name and password, masked").hasSize(2)
          .allMatch(text -> text.startsWith("2026-03-03 10:20:05,") && text.contains(" - [   7100088] S <-- "));
    });
    String plainKey = CliRun.of("trace", "--data", data, "--format", "json", "--to", "oscar@example.net").jsonLines()
        .get(0).get("key").asText();
    CliRun events = CliRun.of("events", "--data", data, plainKey);
    assertThat(events.exitCode()).as(events.err()).isZero();
    assertThat(events.out()).contains("S <-- AUTH PLAIN " + MASKED);
    outputs.add(events.out());
    outputs.add(CliRun.of("check", "--data", data, "--to", "oscar@example.net").out());
    outputs.add(CliRun.of("stats", "--data", data, "--by", "relay").out());
    for (String output : outputs) {
      for (String secret : secrets()) {
        assertThat(output).doesNotContain(secret);
      }
    }
    assertThat(String.join("\n", outputs)).contains(MASKED);
  }
}
