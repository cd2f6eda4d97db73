package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;

/**
 * What the CLI shows of other people: {@code --redact} masks every address but the one asked for, in every field and
 * every evidence line, in every output format; and what a user types is always taken literally, never as query
 * syntax. Runs against the sample logs of all three formats, indexed once.
 */
class PrivacyCliIT {

  @TempDir static Path temp;
  private static String data;

  @BeforeAll
  static void indexTheSamples() throws IOException {
    data = temp.resolve("data").toString();
    String[] args = Stream.concat(Stream.of("index", "--data", data, "--timezone", "UTC"),
        ServedIndex.sampleFolders().stream()).toArray(String[]::new);
    assertThat(CliRun.of(args).exitCode()).isZero();
  }

  /** Every address in a text: a run of address characters around an '@' with a dot after it. */
  private static Set<String> addresses(String text) {
    Set<String> found = new LinkedHashSet<>();
    for (String token : text.split("[\\s<>\"',;:()\\[\\]{}=]+")) {
      int at = token.indexOf('@');
      if (at > 0 && token.indexOf('.', at) > at + 1 && !token.startsWith("***@")) {
        found.add(token.toLowerCase().replaceAll("\\.+$", ""));
      }
    }
    return found;
  }

  /** Runs a command with and without --redact: the redacted output names only the kept addresses. */
  private static String assertRedacted(Set<String> kept, String... command) {
    return assertRedacted(true, kept, command);
  }

  private static String assertRedacted(boolean namesOthers, Set<String> kept, String... command) {
    CliRun plain = CliRun.of(command);
    String[] redactedCommand = Stream.concat(Stream.of(command), Stream.of("--redact")).toArray(String[]::new);
    CliRun redacted = CliRun.of(redactedCommand);
    assertThat(redacted.exitCode()).as(redacted.err()).isEqualTo(plain.exitCode());
    Set<String> others = addresses(plain.out());
    others.removeAll(kept);
    assertThat(addresses(redacted.out())).as(String.join(" ", redactedCommand)).isSubsetOf(kept);
    if (namesOthers) {
      assertThat(others).as("the unredacted output names other people (else this proves nothing)").isNotEmpty();
      assertThat(redacted.out()).contains("***@");
    }
    assertThat(redacted.out().lines().count()).isEqualTo(plain.out().lines().count());
    return redacted.out();
  }

  @Test
  void traceRedactKeepsOnlyTheRecipientAskedForInEveryFormat() {
    Set<String> kept = Set.of("carol@accept.example.net");
    for (String format : new String[] {"table", "json", "csv"}) {
      String out = assertRedacted(kept, "trace", "--data", data, "--to", "carol@accept.example.net", "--format",
          format, "--evidence", "--limit", "0");
      assertThat(out).as(format).contains("carol@accept.example.net").contains("***@example.com")
          .doesNotContain("sales@").doesNotContain("mary@");
    }
  }

  @Test
  void traceRedactByTheSenderMasksEveryRecipientAndTheirRepliesAndEvidence() {
    for (String format : new String[] {"table", "json", "csv"}) {
      String out = assertRedacted(Set.of("grace@example.com"), "trace", "--data", data, "--from",
          "Grace@Example.com", "--format", format, "--evidence", "--limit", "0");
      assertThat(out).as(format).contains("***@lists.example.net").doesNotContain("leo@");
    }
  }

  @Test
  void aPatternKeepsNoAddress() {
    // a pattern is no proof that the asker knows the addresses it matches: --redact with to=* would list everyone
    for (String pattern : new String[] {"*@accept.example.net", "@accept.example.net", "*", "?*@*"}) {
      String out = assertRedacted(Set.of(), "trace", "--data", data, "--to", pattern, "--format", "csv",
          "--limit", "0");
      assertThat(out.lines().skip(1)).as(pattern).isNotEmpty()
          .allSatisfy(row -> assertThat(row).doesNotContain("mary@").doesNotContain("carol@"));
      assertThat(out).as(pattern).contains("***@accept.example.net");
    }
  }

  @Test
  void checkAndEventsRedactToo() {
    String verdict = assertRedacted(false, Set.of("carol@accept.example.net"), "check", "--data", data, "--to",
        "carol@accept.example.net");
    assertThat(verdict).startsWith("HANDED_OVER carol@accept.example.net");
    String key = CliRun.of("trace", "--data", data, "--to", "carol@accept.example.net", "--format", "csv",
        "--limit", "1").out().lines().skip(1).findFirst().orElseThrow().split(",")[4].replace("\"", "");
    assertRedacted(Set.of(), "events", "--data", data, key);
  }

  @Test
  void whatTheUserTypesIsTakenLiterally() {
    assertThat(CliRun.of("trace", "--data", data, "--format", "csv", "--limit", "0").out().lines().count())
        .as("the index has rows").isGreaterThan(20);
    // '*' and '?' in --to/--from are documented address wildcards ('*@example.net', QueryErgonomicsCliIT); nothing
    // else is special, and no filter ever reaches a query parser
    String[][] filters = {
      {"--to", "a* OR *:*"}, {"--to", "recipient:*"}, {"--to", "carol@accept.example.net OR mary@example.com"},
      {"--to", "/.*/"}, {"--to", "[a TO z]"}, {"--from", "sender:mary*"}, {"--domain", "*"},
      {"--domain", "example.*"}, {"--message-id", "*"}, {"--id", "*"}, {"--id", "postfix:*"}
    };
    for (String[] filter : filters) {
      CliRun run = CliRun.of("trace", "--data", data, filter[0], filter[1], "--format", "csv", "--limit", "0");
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out().lines().skip(1)).as("%s %s", filter[0], filter[1]).isEmpty();
    }
    CliRun check = CliRun.of("check", "--data", data, "--to", "a* OR *:*");
    assertThat(check.exitCode()).isEqualTo(ExitCodes.NO_RECORD);
    assertThat(CliRun.of("trace", "--data", data, "--to", "<Carol@Accept.Example.NET>", "--format", "csv")
        .out().lines().skip(1)).as("the literal address itself still matches").isNotEmpty();
  }
}
