package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;

/**
 * Recipient patterns (domain only, {@code *} and {@code ?}; nothing else is query syntax), paging with
 * {@code --page}, the completion script, {@code --version} and the usage printed by {@code smtptrail} alone. Runs on
 * sample-logs/journey, whose nine rows go to three domains.
 */
class QueryErgonomicsCliIT {
  private static final Path SAMPLES = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"))
      .resolve("journey");

  @TempDir Path temp;

  private String indexed() {
    String data = temp.resolve("data").toString();
    assertThat(CliRun.of("index", "--data", data, "--timezone", "UTC", SAMPLES.toString()).exitCode()).isZero();
    return data;
  }

  /** The recipients of a CSV trace, in output order. */
  private static List<String> recipients(String data, String... args) {
    List<String> command = new ArrayList<>(List.of("trace", "--data", data, "--format", "csv"));
    command.addAll(List.of(args));
    CliRun run = CliRun.of(command.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out().lines().skip(1).map(line -> line.substring(0, line.indexOf(',')).replace("\"", "")).toList();
  }

  @Test
  void wildcardsAndDomainsFindTheirRecipientsAndNothingElseIsSyntax() {
    String data = indexed();
    assertThat(recipients(data, "--to", "*@example.net"))
        .containsExactly("kim@example.net", "kim@example.net", "carol@example.net");
    assertThat(recipients(data, "--to", "@EXAMPLE.org"))
        .containsExactlyInAnyOrder("henry@example.org", "erin@example.org", "dave@example.org");
    assertThat(recipients(data, "--to", "k?m@*")).containsExactly("kim@example.net", "kim@example.net");
    assertThat(recipients(data, "--to", "*a*@example.com")).containsExactlyInAnyOrder("alice@example.com",
        "frank@example.com");
    assertThat(recipients(data, "--to", "*")).hasSize(9);
    assertThat(recipients(data, "--from", "*@outside.example.org")).containsExactly("kim@example.net");
    assertThat(recipients(data, "--to", "@example.net", "--from", "sales@*"))
        .containsExactly("kim@example.net", "carol@example.net");
    for (String literal : List.of("a* OR *:*", "*:*", "recipient:*", "[a TO z]*", "al~", "/.*/", "a\\*")) {
      assertThat(recipients(data, "--to", literal)).as("--to %s", literal).isEmpty();
    }
    assertThat(CliRun.of("trace", "--data", data, "--to", "a* OR *:*").out()).isEqualTo("no record found\n");
  }

  @Test
  void checkWithAPatternCountsEachVerdictAndExitsWithTheWorst() {
    String data = indexed();
    CliRun domain = CliRun.of("check", "--data", data, "--to", "@example.org");
    assertThat(domain.exitCode()).as("a bounce among them, whatever the newest row").isEqualTo(ExitCodes.FAILED);
    assertThat(domain.out()).isEqualTo("3 rows to @example.org:\n  1 BOUNCED\n  1 DEFERRED\n  1 HANDED_OVER\n");
    assertThat(domain.err()).isEmpty();
    CliRun pending = CliRun.of("check", "--data", data, "--to", "d*@example.org");
    assertThat(pending.exitCode()).isEqualTo(ExitCodes.PENDING);
    assertThat(pending.out()).isEqualTo("1 row to d*@example.org:\n  1 DEFERRED\n");
    CliRun fine = CliRun.of("check", "--data", data, "--to", "*@example.com");
    assertThat(fine.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(fine.out()).isEqualTo("3 rows to *@example.com:\n  1 HANDED_OVER\n  2 DELIVERED_LOCALLY\n");
    CliRun none = CliRun.of("check", "--data", data, "--to", "@nowhere.example");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.NO_RECORD);
    assertThat(none.out()).startsWith("NO_RECORD @nowhere.example: ");
    // a whole address is still the newest row's verdict line
    CliRun one = CliRun.of("check", "--data", data, "--to", "erin@example.org");
    assertThat(one.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(one.out()).startsWith("BOUNCED erin@example.org");
  }

  @Test
  void pagesSplitTheRowsInOrderWithoutGapsOrRepeats() {
    String data = indexed();
    List<String> all = recipients(data, "--limit", "0");
    assertThat(all).hasSize(9);
    List<String> paged = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      List<String> rows = recipients(data, "--limit", "4", "--page", String.valueOf(page));
      assertThat(rows).hasSize(page < 3 ? 4 : 1);
      paged.addAll(rows);
    }
    assertThat(paged).isEqualTo(all);
    assertThat(recipients(data, "--limit", "4", "--page", "4")).isEmpty();

    assertThat(CliRun.of("trace", "--data", data, "--brief", "--limit", "4", "--page", "2").out())
        .endsWith("(more rows: add --page 3)\n");
    assertThat(CliRun.of("trace", "--data", data, "--brief", "--limit", "4", "--page", "3").out())
        .doesNotContain("more rows");
    assertThat(CliRun.of("trace", "--data", data, "--brief", "--limit", "9").out()).doesNotContain("more rows");
    assertThat(CliRun.of("trace", "--data", data, "--page", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun noLimit = CliRun.of("trace", "--data", data, "--limit", "0", "--page", "2");
    assertThat(noLimit.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noLimit.err()).contains("--page needs a --limit");
  }

  @Test
  void completionPrintsABashScriptForEveryCommand() {
    CliRun completion = CliRun.of("completion");
    assertThat(completion.exitCode()).isZero();
    assertThat(completion.out()).startsWith("#!/usr/bin/env bash").contains("complete -F")
        .contains("--page").contains("--to").contains("HANDED_OVER");
    for (String command : List.of("index", "tail", "trace", "check", "events", "formats", "completion", "help")) {
      assertThat(completion.out()).as("completes %s", command).contains(command);
    }
  }

  @Test
  void versionAndUsageWithoutArguments() {
    CliRun version = CliRun.of("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).matches("(?s)smtptrail (\\S+|\\(development build\\))\nJava .*");
    CliRun usage = CliRun.of();
    assertThat(usage.exitCode()).isZero();
    assertThat(usage.out()).startsWith("Was the message to X handed to the recipient's mail server")
        .contains("Examples:").contains("smtptrail trace --to '@example.net' --page 2").contains("source <(smtptrail completion)")
        .contains("Exit codes:");
    for (String command : List.of("index", "tail", "trace", "check", "events", "formats", "completion")) {
      assertThat(usage.out()).as("lists %s", command).containsPattern("\n  " + command + " ");
    }
  }
}
