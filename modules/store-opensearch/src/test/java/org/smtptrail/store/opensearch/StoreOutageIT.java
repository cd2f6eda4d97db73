package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.FileTailer;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.ingest.LogSource;
import org.smtptrail.engine.ingest.TailSettings;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.store.StoreHealth;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * The only node stops while {@code tail} follows a log that keeps growing, and starts again: the tailer waits for it
 * without stopping, then catches up by itself, and the store holds every line once, as the local store does after
 * indexing the same file. The shared node is left running and healthy for the other classes.
 */
@ExtendWith(SharedOpenSearch.class)
class StoreOutageIT {
  /** Lines per message: received, delivered, removed. */
  private static final int LINES_PER_MESSAGE = 3;
  private static final Duration CATCH_UP = Duration.ofMinutes(2);

  @Test
  void aTailGoesOnByItselfWhenTheOnlyNodeIsBackAndLosesNothing(OpenSearchCluster cluster, @TempDir Path folders)
      throws Exception {
    OpenSearchStore store = OpenSearchStore.of(cluster.httpUri() + "/it-outage");
    Path log = folders.resolve("mail.log");
    Files.writeString(log, "");
    AtomicInteger appended = new AtomicInteger();
    append(log, appended, 200);
    DataDirectory agent = new DataDirectory(folders.resolve("agent"));
    AtomicBoolean tailing = new AtomicBoolean(true);
    AtomicReference<Throwable> tailFailure = new AtomicReference<>();
    try (FileTailer tailer = new FileTailer(agent, store, TailSettings.defaults(),
        LogSource.all(List.of(log), new IngestOptions("postfix", ZoneOffset.UTC, null)))) {
      Thread tail = Thread.ofPlatform().name("it-tail").start(() -> {
        try {
          tailer.run(tailing::get);
        } catch (Throwable e) {
          tailFailure.set(e);
        }
      });
      awaitEvents(store, agent, appended.get() * LINES_PER_MESSAGE);

      AtomicBoolean writing = new AtomicBoolean(true);
      Thread mailServer = Thread.ofPlatform().name("it-mail-server").start(() -> {
        while (writing.get()) {
          try {
            append(log, appended, 5);
            Thread.sleep(50);
          } catch (IOException | InterruptedException e) {
            return;
          }
        }
      });
      long stopped = System.nanoTime();
      try {
        cluster.node(0).stop();
        Thread.sleep(3000); // lines keep coming while nobody answers
        assertThat(tail.isAlive()).as("the tailer, while the node is down").isTrue();
        assertThat(tailer.storeHealth().waitingSince()).as("waiting for the store").isNotNull();
      } finally {
        cluster.restart(0); // also when an assertion failed: the other classes need the node
      }
      System.out.printf(Locale.ROOT, "node down and back in %d ms%n",
          Duration.ofNanos(System.nanoTime() - stopped).toMillis());
      Thread.sleep(1000);
      writing.set(false);
      mailServer.join();

      awaitEvents(store, agent, appended.get() * LINES_PER_MESSAGE);
      tailing.set(false);
      tail.join();
      assertThat(tailFailure.get()).as("the tailer's failure").isNull();
      StoreHealth health = tailer.storeHealth();
      System.out.println("store health after the outage: " + health);
      assertThat(health.retries()).as("retries").isPositive();
      assertThat(health.waitingSince()).as("waiting since").isNull();
    }

    DataDirectory local = new DataDirectory(folders.resolve("local"));
    new Ingester(local, LocalStore.DEFAULT, IngestListener.NONE)
        .index(LogSource.all(List.of(log), new IngestOptions("postfix", ZoneOffset.UTC, null)));
    try (StoreReader expected = LocalStore.DEFAULT.openReader(local);
        StoreReader remote = store.openReader(agent)) {
      List<DeliveryRow> rows = new TraceSearcher(expected).trace(TraceQuery.all().withLimit(0));
      assertThat(rows).as("rows of the log").hasSize(appended.get());
      assertThat(remote.eventCount()).as("events").isEqualTo(appended.get() * LINES_PER_MESSAGE)
          .isEqualTo(expected.eventCount());
      assertThat(new TraceSearcher(remote).trace(TraceQuery.all().withLimit(0))).isEqualTo(rows);
    }
  }

  /** Waits until the store holds {@code events} events (at most {@link #CATCH_UP}). */
  private static void awaitEvents(OpenSearchStore store, DataDirectory agent, int events)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    int count = -1;
    while (System.nanoTime() < deadline) {
      try (StoreReader reader = store.openReader(agent)) {
        count = reader.eventCount();
        if (count >= events) {
          return;
        }
      } catch (StoreRequestException notYet) {
        // the node is still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the store holds " + count + " events after " + CATCH_UP.toSeconds() + " s, not "
        + events);
  }

  /** Appends {@code messages} delivered messages, each with queue id and recipient of its own. */
  private static void append(Path log, AtomicInteger appended, int messages) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < messages; i++) {
      int n = appended.get() + i;
      String time = String.format(Locale.ROOT, "Nov 23 %02d:%02d:%02d", 10 + n / 3600, n / 60 % 60, n % 60);
      String queueId = String.format(Locale.ROOT, "C%09X", n);
      text.append(time).append(" mx1 postfix/qmgr[12]: ").append(queueId)
          .append(": from=<sender@example.com>, size=1200, nrcpt=1 (queue active)\n")
          .append(time).append(" mx1 postfix/smtp[13]: ").append(queueId).append(": to=<user").append(n)
          .append("@example.net>, relay=mx.example.net[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0,")
          .append(" status=sent (250 2.0.0 Ok)\n")
          .append(time).append(" mx1 postfix/qmgr[12]: ").append(queueId).append(": removed\n");
    }
    Files.writeString(log, text, StandardOpenOption.APPEND);
    appended.addAndGet(messages);
  }
}
