package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.ChildJvms;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.StoredRowsAudit;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * Kills a real tailer process with SIGKILL at random moments while a writer appends to its log (and rotates it
 * once), restarts it each time, and finally compares the index with what was written: every line indexed exactly
 * once, and every stored verdict row equal to its message's events.
 */
class TailerKillTest {
  private static final int KILLS = 8;

  @TempDir Path temp;

  @Test
  void killNineAtRandomMomentsLosesNothingAndDuplicatesNothing() throws Exception {
    Path log = temp.resolve("mail.log");
    Files.createFile(log);
    Path data = temp.resolve("data");
    AtomicInteger written = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer = new Thread(() -> appendUntilStopped(log, written, writing), "log-writer");
    writer.start();
    Random random = new Random(20261123);
    try {
      for (int kill = 0; kill < KILLS; kill++) {
        Process tailer = startTailer(data, log);
        Thread.sleep(300 + random.nextInt(4500)); // before, during and after commits
        tailer.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
        assertThat(tailer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      writing.set(false);
      writer.join();
    }
    Process last = startTailer(data, log);
    try {
      // wait while it catches up: a minute without progress fails, a slow (shared, busy) machine does not
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int indexed = eventCount(data);
      while (indexed < written.get() && System.nanoTime() < deadline) {
        Thread.sleep(200);
        int now = eventCount(data);
        if (now > indexed) {
          deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        }
        indexed = now;
      }
    } finally {
      last.destroyForcibly();
      last.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(written.get()).as("the writer wrote while the tailer was killed").isGreaterThan(1000);
    assertThat(eventCount(data)).isEqualTo(written.get());
    List<String> recipients = new ArrayList<>();
    try (EventStore store = EventStore.open(new DataDirectory(data))) {
      for (DeliveryRow row : new TraceSearcher(store).trace(TraceQuery.all().withLimit(0))) {
        recipients.add(row.recipient());
      }
    }
    Set<String> expected = new HashSet<>();
    for (int n = 0; n < written.get(); n++) {
      expected.add("user" + n + "@example.net");
    }
    assertThat(recipients).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    assertThat(StoredRowsAudit.differences(new DataDirectory(data))).as("stored rows committed with their events")
        .isEmpty();
  }

  /** About 2000 lines a second, sometimes a line in two writes; halfway, a logrotate-style rename + create. */
  private static void appendUntilStopped(Path log, AtomicInteger written, AtomicBoolean writing) {
    boolean rotated = false;
    try {
      while (writing.get()) {
        try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
          for (int i = 0; i < 20; i++) {
            String line = line(written.get());
            out.write(line, 0, 30);
            out.flush();
            out.write(line, 30, line.length() - 30);
            out.write('\n');
            written.incrementAndGet();
          }
        }
        if (!rotated && written.get() > 8000) {
          Files.move(log, log.resolveSibling("mail.log.1"));
          Files.createFile(log);
          rotated = true;
        }
        Thread.sleep(10);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String line(int n) {
    return String.format("Nov 23 %02d:%02d:%02d mx1 postfix/smtp[13]: D%09X: to=<user%d@example.net>,"
        + " relay=mx.example.net[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
        n / 3600 % 24, n / 60 % 60, n % 60, n, n);
  }

  private static Process startTailer(Path data, Path log) throws IOException {
    Process process = new ProcessBuilder(ChildJvms.command(TailerProcess.class, data.toString(), log.toString()))
        .redirectErrorStream(true).start();
    // kill only once it runs: a kill during JVM start-up proves nothing
    var output = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    String line;
    while ((line = output.readLine()) != null && !line.equals("tailing")) {
      // JVM warnings before the tailer is up
    }
    Thread drain = new Thread(() -> {
      try {
        output.transferTo(Writer.nullWriter());
      } catch (IOException closed) {
        // the process was killed
      }
    });
    drain.setDaemon(true);
    drain.start();
    return process;
  }

  private static int eventCount(Path data) throws IOException {
    try (EventStore store = EventStore.open(new DataDirectory(data))) {
      return store.eventCount();
    }
  }
}
