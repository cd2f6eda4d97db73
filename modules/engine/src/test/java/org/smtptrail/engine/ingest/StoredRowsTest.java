package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.SampleLogs;
import org.smtptrail.engine.StoredRowsAudit;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * The stored verdict rows stay equal to the rows computed from all events of their message, however the events
 * arrive: in one batch, across files and commits, read back from the index when the heap let them go, tailed poll by
 * poll across a restart, and when a resumed read deletes and reads again what it had indexed.
 */
class StoredRowsTest {
  private static final IngestOptions UTC = new IngestOptions(null, ZoneOffset.UTC, null);
  private static final TailSettings IMMEDIATE =
      new TailSettings(Duration.ofMillis(10), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  @TempDir Path temp;

  private DataDirectory data() {
    return new DataDirectory(temp.resolve("data"));
  }

  /**
   * A message of several lines: received, queued, {@code deferrals} greylisting replies a minute apart, then sent,
   * removed. Its lines are spread over the log by the callers to make messages straddle flushes and commits.
   */
  private static List<String> message(int n, int deferrals) {
    String id = String.format("C%09X", n);
    String to = "user" + n + "@example.net";
    List<String> lines = new ArrayList<>();
    lines.add(line(n, 0, "smtpd", id + ": client=client.example.org[192.0.2.1]"));
    lines.add(line(n, 0, "cleanup", id + ": message-id=<" + n + "@example.org>"));
    lines.add(line(n, 0, "qmgr", id + ": from=<mary@example.com>, size=" + (1000 + n) + ", nrcpt=1 (queue active)"));
    for (int d = 1; d <= deferrals; d++) {
      lines.add(line(n, d, "smtp", id + ": to=<" + to + ">, relay=mx.example.net[203.0.113.7]:25, delay=1,"
          + " delays=0/0/0/1, dsn=4.7.1, status=deferred (host mx.example.net said: 451 4.7.1 Greylisted)"));
    }
    lines.add(line(n, deferrals + 1, "smtp", id + ": to=<" + to + ">, relay=mx.example.net[203.0.113.7]:25,"
        + " delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as R" + n + ")"));
    lines.add(line(n, deferrals + 1, "qmgr", id + ": removed"));
    return lines;
  }

  private static String line(int n, int minute, String program, String text) {
    int second = n % 3600;
    return String.format("Nov 23 %02d:%02d:%02d mx1 postfix/%s[7]: %s", 10 + (second / 60 + minute) / 60 % 10,
        (second / 60 + minute) % 60, second % 60, program, text);
  }

  /** {@code count} messages whose lines interleave: each message's lines are {@code spread} messages apart. */
  private static List<String> interleaved(int count, int spread) {
    List<List<String>> messages = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      messages.add(message(n, n % 3));
    }
    List<String> log = new ArrayList<>();
    for (int step = 0; step < count + spread * 6; step++) {
      for (int n = Math.max(0, step - spread * 5); n <= Math.min(count - 1, step); n++) {
        int index = (step - n) / spread;
        if ((step - n) % spread == 0 && index < messages.get(n).size()) {
          log.add(messages.get(n).get(index));
        }
      }
    }
    return log;
  }

  private static void append(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void everySampleGetsItsRowsInOneBatchAndWithATinyHeapShareThatReadsMessagesBack() throws IOException {
    new Ingester(data(), LocalStore.DEFAULT, IngestListener.NONE).index(SampleLogs.everyFormat());
    assertThat(StoredRowsAudit.differences(data())).isEmpty();
    List<DeliveryRow> rows = trace(TraceQuery.all().withLimit(0));
    assertThat(rows).hasSizeGreaterThan(50);

    DataDirectory tiny = new DataDirectory(temp.resolve("tiny"));
    new Ingester(tiny, LocalStore.DEFAULT, IngestListener.NONE, new StoredRows.CacheSize(32, 16))
        .index(SampleLogs.everyFormat());
    assertThat(StoredRowsAudit.differences(tiny)).isEmpty();
    try (EventStore store = EventStore.open(tiny)) {
      // rows with the same last event may come in another order: the segments differ
      assertThat(new TraceSearcher(store).trace(TraceQuery.all().withLimit(0)))
          .containsExactlyInAnyOrderElementsOf(rows);
    }
  }

  @Test
  void messagesStraddlingFilesAndCommitsKeepOneRowEach() throws IOException {
    List<String> log = interleaved(400, 7);
    Path file = temp.resolve("mail.log");
    for (int from = 0; from < log.size(); from += 661) {
      append(file, log.subList(from, Math.min(log.size(), from + 661)));
      new Ingester(data(), LocalStore.DEFAULT, IngestListener.NONE, new StoredRows.CacheSize(64, 16))
          .index(List.of(LogSource.of(file, UTC)));
      assertThat(StoredRowsAudit.differences(data())).as("after %d lines", from + 661).isEmpty();
    }
    List<DeliveryRow> rows = trace(TraceQuery.all().withLimit(0));
    assertThat(rows).hasSize(400).allSatisfy(row -> assertThat(row.verdict()).isEqualTo(Verdict.HANDED_OVER));
    assertThat(rows).filteredOn(row -> row.recipient().equals("user5@example.net")).singleElement()
        .satisfies(row -> assertThat(row.attempts()).isEqualTo(3));
  }

  @Test
  void aLastLineReadUnfinishedAndThenWholeIsReplacedInTheRowsToo() throws IOException {
    List<String> lines = message(1, 1);
    Path file = temp.resolve("mail.log");
    String deferred = lines.get(3);
    Files.writeString(file, String.join("\n", lines.subList(0, 3)) + "\n" + deferred.substring(0, 60));
    new Ingester(data(), LocalStore.DEFAULT, IngestListener.NONE).index(List.of(LogSource.of(file, UTC)));
    assertThat(StoredRowsAudit.differences(data())).isEmpty();
    assertThat(trace(TraceQuery.all())).singleElement().satisfies(row -> {
      assertThat(row.verdict()).isEqualTo(Verdict.UNKNOWN);
    });

    Files.writeString(file, deferred.substring(60) + "\n", StandardOpenOption.APPEND);
    new Ingester(data(), LocalStore.DEFAULT, IngestListener.NONE).index(List.of(LogSource.of(file, UTC)));
    assertThat(StoredRowsAudit.differences(data())).isEmpty();
    assertThat(trace(new TraceQuery(null, null, null, null, null, null, null, Verdict.DEFERRED, 0)))
        .singleElement().satisfies(row -> assertThat(row.attempts()).isEqualTo(1));
    assertThat(trace(new TraceQuery(null, null, null, null, null, null, null, Verdict.UNKNOWN, 0))).isEmpty();
  }

  @Test
  void aTailerKeepsRowsCurrentPollByPollAndAcrossARestart() throws IOException {
    List<String> log = interleaved(120, 3);
    Path file = temp.resolve("mail.log");
    Files.createFile(file);
    int half = log.size() / 2;
    try (FileTailer tailer = new FileTailer(data(), LocalStore.DEFAULT, IMMEDIATE, List.of(LogSource.of(file, UTC)))) {
      for (int from = 0; from < half; from += 17) {
        append(file, log.subList(from, Math.min(half, from + 17)));
        tailer.pollOnce();
        tailer.commit();
        assertThat(StoredRowsAudit.differences(data())).as("after %d lines", from + 17).isEmpty();
      }
    }
    append(file, log.subList(half, log.size()));
    try (FileTailer tailer = new FileTailer(data(), LocalStore.DEFAULT, IMMEDIATE, List.of(LogSource.of(file, UTC)))) {
      tailer.pollOnce();
      tailer.commit();
    }
    assertThat(StoredRowsAudit.differences(data())).isEmpty();
    assertThat(trace(new TraceQuery(null, null, null, null, null, null, null, Verdict.HANDED_OVER, 0)))
        .hasSize(120);
  }

  @Test
  void anIndexFromBeforeStoredRowsNeedsUpgradeUntilTheNextWriterUpgradesIt() throws IOException {
    new Ingester(data(), LocalStore.DEFAULT, IngestListener.NONE).index(SampleLogs.everyFormat());
    List<DeliveryRow> withRows = trace(TraceQuery.all().withLimit(0));
    StoredRowsAudit.removeStoredRows(data());
    try (EventStore store = EventStore.open(data())) {
      assertThat(store.hasStoredRows()).isFalse();
      assertThat(store.needsUpgrade()).as("queries refuse it (UpgradeCliIT, LiveIndexTest)").isTrue();
    }

    long[] heard = new long[2];
    IngestListener listener = new IngestListener() {
      @Override
      public void rebuildingRows(long events) {
        heard[0] = events;
      }

      @Override
      public void rowsRebuilt(long events) {
        heard[1] += events;
      }
    };
    IngestSummary again = new Ingester(data(), LocalStore.DEFAULT, listener).index(SampleLogs.everyFormat());
    assertThat(again.events()).as("no event indexed again").isZero();
    try (EventStore store = EventStore.open(data())) {
      assertThat(store.hasStoredRows()).isTrue();
      assertThat(store.needsUpgrade()).isFalse();
      assertThat(heard[0]).isEqualTo(store.eventCount()).isPositive();
      assertThat(heard[1]).as("progress adds up to every event").isEqualTo(heard[0]);
    }
    assertThat(StoredRowsAudit.differences(data())).isEmpty();
    assertThat(trace(TraceQuery.all().withLimit(0))).containsExactlyInAnyOrderElementsOf(withRows);
  }

  private List<DeliveryRow> trace(TraceQuery query) throws IOException {
    try (EventStore store = EventStore.open(data())) {
      return new TraceSearcher(store).trace(query);
    }
  }
}
