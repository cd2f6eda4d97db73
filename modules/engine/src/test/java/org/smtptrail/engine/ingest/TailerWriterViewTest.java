package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.LiveIndex;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * A tailer on its own thread with readers in the same process ({@code serve --tail}): what it reads is found through
 * its writer view without any commit (commits are an hour apart here, refreshes happen only when a reader asks), the
 * verdict rows are as fresh as the events, and once the tailer stops the readers fall back to what it committed.
 */
class TailerWriterViewTest {
  /** Commits and timed refreshes an hour apart: whatever a reader finds, a request made visible. */
  private static final TailSettings ON_REQUEST = new TailSettings(Duration.ofMillis(10), Duration.ofHours(1),
      Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));

  @TempDir Path temp;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private Thread tailing;

  @AfterEach
  void stop() throws InterruptedException {
    running.set(false);
    if (tailing != null) {
      tailing.join();
    }
  }

  private DataDirectory data() {
    return new DataDirectory(temp.resolve("data"));
  }

  private FileTailer startTailing(Path log) throws IOException {
    return startTailing(log, ON_REQUEST);
  }

  private FileTailer startTailing(Path log, TailSettings settings) throws IOException {
    FileTailer tailer = new FileTailer(data(), LocalStore.DEFAULT, settings,
        List.of(LogSource.of(log, new IngestOptions("postfix", ZoneOffset.UTC, null))));
    tailer.freshView();
    tailing = Thread.ofPlatform().start(() -> {
      try {
        tailer.run(running::get);
        tailer.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    return tailer;
  }

  private static void append(Path log, String... lines) throws IOException {
    Files.writeString(log, String.join("\n", lines) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The verdict of the newest row of a recipient, through a request as serve makes one; empty if none. */
  private static Optional<Verdict> verdictOf(LiveIndex live, String recipient) throws IOException {
    try (EventStore store = live.acquire(Duration.ofSeconds(30)).orElseThrow()) {
      return new TraceSearcher(store).trace(TraceQuery.all().withTo(recipient).withLimit(1)).stream()
          .map(DeliveryRow::verdict).findFirst();
    }
  }

  /** Asks until the answer is {@code expected} (a loaded machine may take more than one round); fails after 30 s. */
  private static void awaitVerdict(LiveIndex live, String recipient, Verdict expected) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    Optional<Verdict> verdict = verdictOf(live, recipient);
    while (!verdict.equals(Optional.of(expected)) && System.nanoTime() < deadline) {
      verdict = verdictOf(live, recipient);
    }
    assertThat(verdict).as(recipient).contains(expected);
  }

  private boolean committed() throws IOException {
    try (Directory directory = FSDirectory.open(data().index())) {
      return DirectoryReader.indexExists(directory);
    }
  }

  @Test
  void aLineReadIsFoundWithoutACommitAndADeferredRowTurnsHandedOverAsSoonAsItsLineIsRead() throws Exception {
    Path log = temp.resolve("mail.log");
    append(log, "Nov 23 10:00:00 mx1 postfix/qmgr[12]: 4AB12C3D4E: from=<alice@example.org>, size=900, nrcpt=1"
        + " (queue active)",
        "Nov 23 10:00:01 mx1 postfix/smtp[13]: 4AB12C3D4E: to=<bob@example.net>, relay=mx.example.net"
        + "[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=4.2.2, status=deferred (host mx.example.net"
        + "[203.0.113.7] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))");
    FileTailer tailer = startTailing(log);
    try (LiveIndex live = LiveIndex.open(data(), tailer.freshView())) {
      awaitVerdict(live, "bob@example.net", Verdict.DEFERRED);
      append(log, "Nov 23 10:05:01 mx1 postfix/smtp[13]: 4AB12C3D4E: to=<bob@example.net>, relay=mx.example.net"
          + "[203.0.113.7]:25, delay=301, delays=300/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9Z)");
      awaitVerdict(live, "bob@example.net", Verdict.HANDED_OVER);
      assertThat(committed()).as("found through the writer view, before any commit").isFalse();
    }
  }

  @Test
  void withNoRequestTheViewIsRefreshedOnItsInterval() throws Exception {
    Path log = temp.resolve("mail.log");
    append(log, "Nov 23 10:05:01 mx1 postfix/smtp[13]: 4AB12C3D4E: to=<bob@example.net>, relay=mx.example.net"
        + "[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9Z)");
    TailSettings everyTenMillis = new TailSettings(Duration.ofMillis(10), Duration.ofHours(1), Duration.ofMillis(10),
        Duration.ofHours(1), Duration.ofHours(1));
    FileTailer tailer = startTailing(log, everyTenMillis);
    try (LiveIndex live = LiveIndex.open(data(), tailer.freshView())) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      Optional<Verdict> verdict = Optional.empty();
      while (verdict.isEmpty() && System.nanoTime() < deadline) {
        try (EventStore store = live.acquire().orElseThrow()) { // no time budget: asks for nothing, waits for nothing
          verdict = new TraceSearcher(store).trace(TraceQuery.all().withTo("bob@example.net")).stream()
              .map(DeliveryRow::verdict).findFirst();
        }
        Thread.sleep(10);
      }
      assertThat(verdict).contains(Verdict.HANDED_OVER);
      assertThat(committed()).isFalse();
    }
  }

  @Test
  void onceTheTailerStopsRequestsReadWhatItCommitted() throws Exception {
    Path log = temp.resolve("mail.log");
    append(log, "Nov 23 10:05:01 mx1 postfix/smtp[13]: 4AB12C3D4E: to=<bob@example.net>, relay=mx.example.net"
        + "[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9Z)");
    FileTailer tailer = startTailing(log);
    try (LiveIndex live = LiveIndex.open(data(), tailer.freshView())) {
      awaitVerdict(live, "bob@example.net", Verdict.HANDED_OVER);
      stop(); // commits, then closes the writer and its view
      assertThat(committed()).isTrue();
      live.refresh();
      assertThat(verdictOf(live, "bob@example.net")).as("from the commit, the writer being gone")
          .contains(Verdict.HANDED_OVER);
    }
  }
}
