package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.cli.serve.AccessTokens;
import org.smtptrail.cli.serve.Role;

/**
 * {@code --server URL}: trace, check, events and stats asked of a running server print exactly what they print when
 * they read the index themselves, in every format, with the same exit codes; errors name the URL.
 */
class ServerCliIT {
  private static final String TOKEN = "cli-token-0123456789abcdef";

  @TempDir static Path temp;
  private static ServedIndex served;
  private static ServedIndex guarded;
  private static String data;
  private static Path tokenFile;

  @BeforeAll
  static void serveTheSamples() throws IOException {
    data = temp.resolve("data").toString();
    // a small row cap, so that --limit 0 has to page through the server
    served = ServedIndex.samples(temp, ServedIndex.settings(null, false, 7));
    tokenFile = temp.resolve("token");
    Files.writeString(tokenFile, "admin " + TOKEN + "\n");
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    guarded = ServedIndex.start(temp.resolve("data"),
        ServedIndex.settings(AccessTokens.read(tokenFile, Role.admin), false, 2000));
  }

  @AfterAll
  static void stop() throws IOException {
    served.close();
    guarded.close();
  }

  /** Runs a command locally and against the server: same exit code, same output, nothing on stderr. */
  private static CliRun assertSame(String... command) {
    return CliRun.assertSameAs(command, List.of("--data", data), List.of("--server", served.url()));
  }

  @Test
  void traceOverTheServerPrintsWhatTracePrints() {
    for (String format : List.of("table", "json", "csv")) {
      assertSame("trace", "--format", format, "--domain", "example.net", "--limit", "5");
      assertSame("trace", "--format", format, "--domain", "example.net", "--limit", "5", "--page", "3");
      assertSame("trace", "--format", format, "--to", "alice@accept.example.net", "--evidence");
      assertSame("trace", "--format", format, "--status", "DEFERRED", "--since", "2026-11-01", "--until", "2027-01-01");
      assertSame("trace", "--format", format, "--from", "@example.com", "--redact", "--limit", "4");
    }
    CliRun all = assertSame("trace", "--format", "json", "--limit", "0");
    assertThat(all.jsonLines()).as("more than one page of the server's 7 rows").hasSizeGreaterThan(50);
    assertSame("trace", "--format", "json", "--id", "4A1B2C3D4E");
    assertSame("trace", "--to", "nobody@nowhere.example");
    assertSame("trace", "--since", "yesterday");
  }

  @Test
  void checkOverTheServerPrintsTheSameLineAndExitCode() {
    Set<String> recipients = new LinkedHashSet<>();
    for (JsonNode row : CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0").jsonLines()) {
      if (!row.get("recipient").isNull()) {
        recipients.add(row.get("recipient").asText());
      }
    }
    Set<Integer> codes = new LinkedHashSet<>();
    for (String recipient : recipients) {
      codes.add(assertSame("check", "--to", recipient).exitCode());
    }
    assertThat(codes).as("every kind of answer was compared").contains(ExitCodes.OK, ExitCodes.FAILED,
        ExitCodes.PENDING);
    assertThat(assertSame("check", "--to", "nobody@nowhere.example").exitCode()).isEqualTo(ExitCodes.NO_RECORD);
    assertSame("check", "--to", "alice@accept.example.net", "--redact", "--since", "2026-11-23T09:34:00Z");
    assertSame("check", "--to", "alice@accept.example.net", "--message-id", "<accept-1@sample.smtptrail>");
  }

  @Test
  void statsAndEventsOverTheServerPrintWhatTheyPrint() {
    for (String format : List.of("table", "json", "csv")) {
      assertSame("stats", "--format", format);
      for (String by : List.of("domain", "relay", "category", "verdict", "host")) {
        assertSame("stats", "--format", format, "--by", by, "--since", "2026-01-01");
      }
      assertSame("stats", "--format", format, "--by", "domain", "--since", "2030-01-01");
    }
    List<String> keys = new ArrayList<>();
    CliRun.of("trace", "--data", data, "--format", "json", "--limit", "10").jsonLines()
        .forEach(row -> keys.add(row.get("key").asText()));
    for (String key : keys) {
      assertSame("events", key);
      assertSame("events", key, "--redact");
    }
    assertThat(assertSame("events", "postfix:mx1:NOPE").exitCode()).isEqualTo(ExitCodes.NO_RECORD);
  }

  @Test
  void aTokenComesFromTheTokenFileAndAMissingOneIsNamed() {
    CliRun without = CliRun.of("trace", "--server", guarded.url(), "--to", "alice@accept.example.net");
    assertThat(without.exitCode()).isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(without.err().lines().findFirst().orElseThrow()).isEqualTo("smtptrail: error: the smtptrail server at "
        + guarded.uri() + " refused the request (401): it needs a token: --token-file FILE or SMTPTRAIL_TOKEN");
    CliRun with = CliRun.of("trace", "--server", guarded.url(), "--token-file", tokenFile.toString(), "--to",
        "alice@accept.example.net", "--format", "json");
    assertThat(with.exitCode()).as(with.err()).isZero();
    assertThat(with.out()).isEqualTo(CliRun.of("trace", "--data", data, "--to", "alice@accept.example.net",
        "--format", "json").out());
  }

  @Test
  void anUnreachableOrMalformedServerIsOneLineNamingIt() throws IOException {
    int closed;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      closed = probe.getLocalPort(); // free once closed: nothing listens there
    }
    CliRun unreachable = CliRun.of("check", "--server", "http://127.0.0.1:" + closed, "--to", "a@example.net");
    assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(unreachable.err().lines().findFirst().orElseThrow())
        .startsWith("smtptrail: error: cannot reach the smtptrail server at http://127.0.0.1:" + closed + "/");
    CliRun malformed = CliRun.of("stats", "--server", "ftp://example.net");
    assertThat(malformed.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(malformed.err()).contains("--server ftp://example.net is not a server URL");
  }
}
