package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;

/**
 * One writer per data folder: while a real {@code tail} process writes, a second {@code index} or {@code tail} is
 * refused with the PID of the first, and {@code trace} and {@code check} keep answering from the last commit.
 */
class SecondWriterCliIT {
  @TempDir Path temp;

  @Test
  void aSecondIndexOrTailIsRefusedWhileReadersWorkDuringWrites() throws Exception {
    Path log = temp.resolve("mail.log");
    Files.writeString(log, FaultLogs.line(0));
    String data = temp.resolve("data").toString();
    ChildCli tail = ChildCli.start(temp.resolve("tail.out"), "tail", "--data", data, "--timezone", "UTC",
        log.toString());
    try {
      awaitRecipient(data, 0, tail);
      String inUse = "in use by another smtptrail index or tail process (PID " + tail.pid() + ")";

      CliRun index = CliRun.of("index", "--data", data, "--timezone", "UTC", log.toString());
      CliRun secondTail = CliRun.of("tail", "--data", data, "--max-seconds", "1", log.toString());

      assertThat(index.exitCode()).isEqualTo(ExitCodes.INTERNAL_ERROR);
      assertThat(index.err()).contains("data folder " + data).contains(inUse);
      assertThat(secondTail.exitCode()).isEqualTo(ExitCodes.INTERNAL_ERROR);
      assertThat(secondTail.err()).contains(inUse);

      // readers during writes: each round appends lines, and trace and check answer while the tailer commits
      int written = 1;
      for (int round = 0; round < 20; round++) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 50; i++) {
          lines.append(FaultLogs.line(written++));
        }
        Files.writeString(log, lines, StandardOpenOption.APPEND);
        CliRun trace = CliRun.of("trace", "--data", data, "--format", "csv", "--limit", "0");
        assertThat(trace.exitCode()).as(trace.err()).isZero();
        assertThat(trace.out()).contains("fault0@example.net");
        CliRun check = CliRun.of("check", "--data", data, "--to", "fault0@example.net");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
      }
      awaitRecipient(data, written - 1, tail);
      assertThat(FaultLogs.recipients(data)).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(FaultLogs.expected(written));
    } finally {
      tail.process().destroy(); // SIGTERM: the tailer commits, closes and exits (143, the JVM's code for it)
      tail.exitCode(60);
    }
    assertThat(tail.printed()).as("stopped cleanly").contains("stopped: ").doesNotContain("error");
    CliRun after = CliRun.of("index", "--data", data, "--timezone", "UTC", log.toString());
    assertThat(after.exitCode()).as("usable again once the tailer let go: " + after.err()).isZero();
  }

  private static void awaitRecipient(String data, int n, ChildCli tail) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (CliRun.of("check", "--data", data, "--to", "fault" + n + "@example.net").exitCode() != 0) {
      if (System.nanoTime() > deadline || !tail.process().isAlive()) {
        throw new AssertionError("the tailer did not index fault" + n + ": " + tail.printed());
      }
      Thread.sleep(100);
    }
  }
}
