package org.smtptrail.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.ChildJvms;
import org.smtptrail.engine.DataDirectory;

/**
 * Kills a real process with SIGKILL at random moments while it opens the state store (recovering what the kill
 * before left: a start killed while it recovers is the case that cost a minute), while it recovers the messages in
 * flight, and while it writes, closes and opens the store again, round after round. After each round a start left
 * alone must open within {@link #OPEN_BOUND} ms, and in the end every checkpoint a process said it wrote is there,
 * with every message in flight written before the kills (a recovery in place, killed, lost the entry it moved).
 */
class StateStoreKillTest {
  /** The product promises 2 s on a 2-core machine; a loaded one gets more, far from the minute it cost before. */
  private static final long OPEN_BOUND = 10_000;
  private static final int MESSAGES_IN_FLIGHT = 50_000; // a recovery long enough for kills to fall inside it
  private static final int ROUNDS = 5;
  private static final int MAX_ROUNDS = 20;
  private static final int RECOVERIES_CUT_SHORT = 4;

  @TempDir Path temp;

  /**
   * Whether the messages in flight are being recovered (or were, when the process was killed): their copy is there
   * (or, as recovery worked in place before issue 23, Chronicle's "not complete" mark is on the file's header).
   */
  private static boolean recoveringInFlight(DataDirectory data) throws IOException {
    Path file = data.state().resolve("in-flight.dat");
    return Files.exists(file.resolveSibling("in-flight.dat.recovering")) || NotCompleteHeaders.isSet(file);
  }

  @Test
  void aStartAfterKillsAtAnyMomentOfOpeningOpensWithinTheBoundAndKeepsWhatWasWritten() throws Exception {
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    try (StateStore store = StateStore.open(data)) {
      for (int n = 0; n < MESSAGES_IN_FLIGHT; n++) {
        store.inFlightMessages().put("seed-" + n, new MessageEntry("postfix:mx1:seed-" + n, n, false));
      }
    }
    Random random = new Random(20261207);
    List<String> written = new ArrayList<>();
    List<Long> opens = new ArrayList<>();
    int recoveriesCutShort = 0;
    long openMillis = 2_000; // what a start takes to open, measured on the last start left alone
    for (int round = 0; round < ROUNDS || recoveriesCutShort < RECOVERIES_CUT_SHORT && round < MAX_ROUNDS; round++) {
      for (int start = random.nextInt(3); start >= 0; start--) {
        Child child = Child.start(data, "r" + round + "k" + start);
        child.awaitStart(); // a kill during JVM start-up proves nothing
        if (random.nextBoolean()) {
          child.killAfter(random.nextLong(openMillis * 5 / 4 + 1)); // inside the open, sometimes just after it
        } else {
          // inside the recovery of the messages in flight, the longest one
          long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(openMillis * 2);
          while (!recoveringInFlight(data) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
          }
          child.killAfter(random.nextLong(openMillis / 3 + 1));
        }
        written.addAll(child.written);
        if (recoveringInFlight(data)) {
          recoveriesCutShort++;
        }
      }
      Child alone = Child.start(data, "r" + round);
      alone.awaitStart();
      String opened = alone.await("opened ", OPEN_BOUND + 2_000);
      if (opened == null) {
        alone.killAfter(0);
        fail("round %d: no open within %d ms of a start after a kill (output: %s)", round, OPEN_BOUND, alone.lines);
      }
      openMillis = Long.parseLong(opened.substring("opened ".length()));
      opens.add(openMillis);
      alone.await("wrote ", 30_000);
      alone.killAfter(random.nextLong(300)); // while it writes: segment locks may be held
      written.addAll(alone.written);
    }
    assertThat(recoveriesCutShort).as("kills that fell inside the recovery of the messages in flight")
        .isGreaterThanOrEqualTo(RECOVERIES_CUT_SHORT);
    assertThat(opens).as("milliseconds to open after kills").allSatisfy(ms -> assertThat(ms).isLessThan(OPEN_BOUND));
    long started = System.nanoTime();
    try (StateStore store = StateStore.open(data)) {
      assertThat((System.nanoTime() - started) / 1_000_000).as("ms to open after the last kill")
          .isLessThan(OPEN_BOUND);
      assertThat(written).as("checkpoints written before the kills").isNotEmpty().allSatisfy(name ->
          assertThat(store.checkpoints().contains(name)).as(name).isTrue());
      for (int n = 0; n < MESSAGES_IN_FLIGHT; n++) {
        assertThat(store.inFlightMessages().get("seed-" + n)).as("seed-%d", n)
            .isEqualTo(new MessageEntry("postfix:mx1:seed-" + n, n, false));
      }
    }
  }

  /** A {@link StateStoreProcess} and the lines it printed, read as they come. */
  private static final class Child {
    private final Process process;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final Thread reader;
    final List<String> lines = new ArrayList<>();
    final List<String> written = new ArrayList<>();

    private Child(Process process) {
      this.process = process;
      this.reader = new Thread(this::read, "child-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(DataDirectory data, String name) throws IOException {
      return new Child(new ProcessBuilder(ChildJvms.command(StateStoreProcess.class, data.root().toString(), name))
          .redirectErrorStream(true).start());
    }

    private void read() {
      try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
          pending.add(line);
        }
      } catch (IOException killed) {
        // the process is gone: what it printed before is in the queue
      }
    }

    /** Waits until the JVM is up and about to open the store (a minute at most: a loaded machine). */
    void awaitStart() throws InterruptedException {
      if (await("opening", 60_000) == null) {
        killAfter(0);
        fail("the child JVM did not start: %s", lines);
      }
    }

    /** The next line starting with {@code prefix}, waiting at most {@code millis}; null if none came. */
    String await(String prefix, long millis) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
        String line = pending.poll(left, TimeUnit.MILLISECONDS);
        if (line == null) {
          break;
        }
        take(line);
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      return null;
    }

    /** SIGKILL after {@code millis}, then reads what it printed up to its death. */
    boolean isAlive() {
      return process.isAlive();
    }

    void killAfter(long millis) throws InterruptedException {
      Thread.sleep(millis);
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
      reader.join(30_000);
      for (String line = pending.poll(); line != null; line = pending.poll()) {
        take(line);
      }
    }

    private void take(String line) {
      lines.add(line);
      if (line.startsWith("wrote ")) {
        written.add(line.substring("wrote ".length()));
      }
    }
  }
}
