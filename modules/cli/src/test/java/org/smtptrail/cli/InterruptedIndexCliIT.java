package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.EventStore;

/**
 * Ctrl-C during {@code index}: a real smtptrail JVM indexing a generated set gets SIGINT once its first file is
 * committed; it stops cleanly (exit 130, what was read committed), and a re-run completes the index with every event
 * exactly once, the same as an uninterrupted run.
 */
class InterruptedIndexCliIT {
  private static final int FILES = 6;
  private static final int LINES_EACH = 5_000;

  @TempDir Path temp;

  @Test
  void ctrlCStopsCleanlyAndARerunIndexesEveryEventExactlyOnce() throws Exception {
    Path logs = temp.resolve("logs");
    FaultLogs.write(logs, FILES, LINES_EACH);
    String data = temp.resolve("data").toString();

    ChildCli index = ChildCli.start(temp.resolve("index.out"), "index", "--data", data, "--timezone", "UTC",
        logs.toString());
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (eventCount(data) == 0 && index.process().isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    index.interrupt();

    assertThat(index.exitCode(120)).as(index.printed()).isEqualTo(ExitCodes.INTERRUPTED);
    assertThat(index.printed()).contains("smtptrail: interrupted: what was read is committed")
        .contains("indexed ");
    List<String> beforeRerun = FaultLogs.recipients(data);
    assertThat(beforeRerun).as("what was read is committed, once").isNotEmpty().doesNotHaveDuplicates()
        .hasSizeLessThan(FILES * LINES_EACH);

    CliRun rerun = CliRun.of("index", "--data", data, "--timezone", "UTC", logs.toString());

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(FaultLogs.recipients(data)).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(FaultLogs.expected(FILES * LINES_EACH));
    assertThat(eventCount(data)).as("one event per line, like an uninterrupted run").isEqualTo(FILES * LINES_EACH);
  }

  private static int eventCount(String data) throws IOException {
    try (EventStore store = EventStore.open(new DataDirectory(Path.of(data)))) {
      return store.eventCount();
    }
  }
}
