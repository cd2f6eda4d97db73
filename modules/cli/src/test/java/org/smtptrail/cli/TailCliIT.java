package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smtptrail tail} in-process: lines appended and a rotation while it runs are all indexed, once. */
class TailCliIT {
  @TempDir Path temp;

  private static String line(int n) {
    return String.format("Nov 23 10:00:%02d mx1 postfix/smtp[13]: E%09X: to=<tail%d@example.net>,"
        + " relay=mx.example.net[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)%n",
        n % 60, n, n);
  }

  @Test
  void followsAppendsAndARotationUntilStopped() throws Exception {
    Path log = temp.resolve("mail.log");
    Files.writeString(log, line(0));
    String data = temp.resolve("data").toString();
    CompletableFuture<CliRun> tail = CompletableFuture.supplyAsync(() ->
        CliRun.of("tail", "--data", data, "--max-seconds", "12", "--timezone", "UTC", log.toString()));
    // wait until the tailer runs and has read the first line (no timing is asserted)
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (CliRun.of("check", "--data", data, "--to", "tail0@example.net").exitCode() != 0
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Files.writeString(log, line(1) + line(2), StandardOpenOption.APPEND);
    Files.move(log, temp.resolve("mail.log.1"));
    Files.writeString(temp.resolve("mail.log.1"), line(3), StandardOpenOption.APPEND);
    Files.writeString(log, line(4));
    CliRun run = tail.get();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("following").contains("stopped: 5 lines read");
    for (int n = 0; n < 5; n++) {
      CliRun check = CliRun.of("check", "--data", data, "--to", "tail" + n + "@example.net");
      assertThat(check.exitCode()).as("tail%d: %s", n, check.out()).isZero();
    }
    CliRun all = CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0");
    assertThat(all.out().lines()).hasSize(5);
  }
}
