package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;

/**
 * Issue 26, cases 2, 4 and 5 as a user meets them: a discarded message is DISCARDED for {@code check} (exit 4),
 * {@code trace} and {@code stats}; a refusal at a stage that names no recipient is found by its sender, its
 * recipient when it has one, {@code --status} and time, and shows in the table as a row without recipient.
 */
class Issue26DiscardAndStageRejectCliIT {
  private static final Path CASES = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"))
      .resolve("cases").resolve("postfix");

  @TempDir Path temp;
  private String data;

  @BeforeEach
  void indexTheCases() throws IOException {
    Path logs = Files.createDirectories(temp.resolve("logs"));
    for (String folder : List.of("02-discard-transport", "02d-policy-discard", "04-stage-rejects",
        "05-reject-empty-recipient")) {
      Path copy = Files.copy(CASES.resolve(folder).resolve("mail.log"), logs.resolve(folder + ".log"));
      Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-11-24T00:00:00Z")));
    }
    data = temp.resolve("data").toString();
    CliRun index = CliRun.of("index", "--data", data, "--timezone", "UTC", "--strict", logs.toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
  }

  @Test
  void checkSaysDiscardedAndExitsFour() {
    CliRun check = CliRun.of("check", "--data", data, "--to", "sales@blackhole.example.net");
    assertThat(check.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(check.out()).startsWith("DISCARDED sales@blackhole.example.net: blackhole.example.net");
    assertThat(CliRun.of("check", "--data", data, "--to", "carol@example.com").exitCode())
        .as("an smtpd DISCARD action").isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void aStageRefusalIsFoundBySenderRecipientStatusAndTime() {
    List<JsonNode> bySender = CliRun.of("trace", "--data", data, "--from", "CEO@example.com", "--format", "json")
        .jsonLines();
    assertThat(bySender).singleElement().satisfies(row -> {
      assertThat(row.get("verdict").asText()).isEqualTo("REJECTED");
      assertThat(row.get("recipient").isNull()).isTrue();
      assertThat(row.get("client").asText()).isEqualTo("client.example.org[198.51.100.64]");
      assertThat(row.get("evidence").get(0).get("text").asText()).contains("reject: MAIL from");
    });
    assertThat(CliRun.of("trace", "--data", data, "--to", "nobody@example.com", "--format", "json").jsonLines())
        .as("VRFY names a recipient").singleElement()
        .satisfies(row -> assertThat(row.get("verdict").asText()).isEqualTo("REJECTED"));
    List<JsonNode> rejected = CliRun.of("trace", "--data", data, "--status", "REJECTED", "--since",
        "2026-11-23T14:00:00Z", "--until", "2026-11-23T14:03:30Z", "--format", "json").jsonLines();
    assertThat(rejected).extracting(row -> row.get("evidence").get(0).get("text").asText())
        .as("CONNECT twice, EHLO, HELO, MAIL").hasSize(5)
        .allSatisfy(text -> assertThat(text).contains("NOQUEUE: reject: "));
    assertThat(CliRun.of("trace", "--data", data, "--status", "REJECTED", "--since", "2026-11-23T16:00:00Z",
        "--format", "json").jsonLines()).as("the refusal of to=<> has a time").hasSize(1);
  }

  @Test
  void theTableNamesARowWithoutRecipientAndTheDiscardHint() {
    CliRun stage = CliRun.of("trace", "--data", data, "--from", "ceo@example.com");
    assertThat(stage.out()).contains("REJECTED           (no recipient logged)");
    CliRun discarded = CliRun.of("trace", "--data", data, "--to", "devnull@example.com");
    assertThat(discarded.out()).contains("DISCARDED", "on purpose: the discard(8) transport (reports not kept)");
  }

  @Test
  void statsCountDiscardedRows() {
    JsonNode total = CliRun.of("stats", "--data", data, "--format", "json").jsonLines().get(0);
    assertThat(total.get("discarded").asLong()).as("two by discard(8), two by smtpd DISCARD actions").isEqualTo(4);
    assertThat(total.get("rejected").asLong()).as("nine refusals at their stages, and to=<>").isEqualTo(10);
    assertThat(CliRun.of("stats", "--data", data, "--format", "csv").out().lines().findFirst().orElseThrow())
        .contains(",rejected,discarded,unknown,");
    assertThat(CliRun.of("stats", "--data", data).out()).containsPattern("discarded +4");
  }
}
