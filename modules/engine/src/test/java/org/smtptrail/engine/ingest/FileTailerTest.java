package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.verdict.DeliveryRow;

/** The tailer against real files and real renames, truncations and gzip, driven poll by poll (no timing). */
class FileTailerTest {
  private static final TailSettings IMMEDIATE =
      new TailSettings(Duration.ofMillis(10), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  @TempDir Path temp;

  private DataDirectory data() {
    return new DataDirectory(temp.resolve("data"));
  }

  private FileTailer tailer(Path... paths) throws IOException {
    return new FileTailer(data(), LocalStore.DEFAULT, IMMEDIATE,
        LogSource.all(List.of(paths), new IngestOptions(null, ZoneOffset.UTC, null)));
  }

  /** One line per message: a delivery that names recipient user{n}; its queue id is unique per n. */
  private static String line(int n) {
    return String.format("Nov 23 10:%02d:%02d mx1 postfix/smtp[13]: B%09X: to=<user%d@example.net>,"
        + " relay=mx.example.net[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
        n / 60 % 60, n % 60, n, n);
  }

  private static String lines(int from, int to) {
    StringBuilder text = new StringBuilder();
    for (int n = from; n < to; n++) {
      text.append(line(n)).append('\n');
    }
    return text.toString();
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private int events() throws IOException {
    try (EventStore store = EventStore.open(data())) {
      return store.eventCount();
    }
  }

  private List<String> recipients() throws IOException {
    try (EventStore store = EventStore.open(data())) {
      List<String> recipients = new ArrayList<>();
      for (DeliveryRow row : new TraceSearcher(store).trace(TraceQuery.all().withLimit(0))) {
        assertThat(row.verdict()).isEqualTo(Verdict.HANDED_OVER);
        recipients.add(row.recipient());
      }
      return recipients;
    }
  }

  private void pollAndCommit(FileTailer tailer) throws IOException {
    tailer.pollOnce();
    tailer.commit();
  }

  @Test
  void appendedLinesBecomeSearchableAndAPartialLineWaitsForItsNewline() throws IOException {
    Path log = temp.resolve("mail.log");
    append(log, lines(0, 3));
    try (FileTailer tailer = tailer(log)) {
      pollAndCommit(tailer);
      assertThat(events()).isEqualTo(3);
      String next = line(3);
      append(log, next.substring(0, 40));
      pollAndCommit(tailer);
      assertThat(events()).as("the half-written line is not parsed").isEqualTo(3);
      append(log, next.substring(40) + "\n");
      pollAndCommit(tailer);
      assertThat(events()).isEqualTo(4);
      assertThat(recipients()).contains("user3@example.net");
    }
  }

  @Test
  void renameAndCreateReadsTheOldFileToItsEndAndTheNewOneFromItsStart() throws IOException {
    Path log = temp.resolve("mail.log");
    append(log, lines(0, 5));
    try (FileTailer tailer = tailer(log)) {
      pollAndCommit(tailer);
      Path rotated = temp.resolve("mail.log.1");
      Files.move(log, rotated);
      append(rotated, lines(5, 7)); // the writer has not reopened yet
      append(log, lines(7, 10));
      pollAndCommit(tailer);
      pollAndCommit(tailer);
      assertThat(events()).isEqualTo(10);
      assertThat(tailer.followedFiles()).as("the renamed file was let go").isEqualTo(1);
    }
    assertThat(recipients()).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void copytruncateStartsOverAndTheCopyIsNotReadAgain() throws IOException {
    Path folder = Files.createDirectory(temp.resolve("logs"));
    Path log = folder.resolve("mail.log");
    append(log, lines(0, 5));
    try (FileTailer tailer = tailer(folder)) {
      pollAndCommit(tailer);
      Files.copy(log, folder.resolve("mail.log.1"));
      Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
      append(log, lines(5, 8));
      pollAndCommit(tailer);
      pollAndCommit(tailer);
      pollAndCommit(tailer);
    }
    assertThat(recipients()).hasSize(8).doesNotHaveDuplicates();
  }

  @Test
  void aRotationCompressedLaterAddsNothingAndAFileThatAppearsLaterIsFollowed() throws IOException {
    Path folder = Files.createDirectory(temp.resolve("logs"));
    Path log = folder.resolve("mail.log");
    append(log, lines(0, 4));
    try (FileTailer tailer = tailer(folder)) {
      pollAndCommit(tailer);
      Path rotated = folder.resolve("mail.log.1");
      Files.move(log, rotated);
      append(log, lines(4, 6));
      pollAndCommit(tailer);
      byte[] content = Files.readAllBytes(rotated);
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("mail.log.1.gz")))) {
        out.write(content);
      }
      Files.delete(rotated);
      pollAndCommit(tailer);
      pollAndCommit(tailer);
      append(folder.resolve("other.log"), lines(6, 7));
      pollAndCommit(tailer);
    }
    assertThat(recipients()).hasSize(7).doesNotHaveDuplicates();
  }

  @Test
  void deletedAndRecreatedFileAndAPathThatDidNotExistYet() throws IOException {
    Path log = temp.resolve("mail.log");
    try (FileTailer tailer = tailer(log)) {
      pollAndCommit(tailer);
      append(log, lines(0, 2));
      pollAndCommit(tailer);
      Files.delete(log);
      pollAndCommit(tailer);
      append(log, lines(2, 4));
      pollAndCommit(tailer);
    }
    assertThat(recipients()).hasSize(4).doesNotHaveDuplicates();
  }

  @Test
  void aRestartResumesWithoutLossOrDuplicatesAndMessagesStraddlingItStayOne() throws IOException {
    Path log = temp.resolve("mail.log");
    String queueId = "C0FFEE1234";
    append(log, "Nov 23 10:00:00 mx1 postfix/qmgr[12]: " + queueId
        + ": from=<mary@example.com>, size=100, nrcpt=1 (queue active)\n");
    try (FileTailer tailer = tailer(log)) {
      pollAndCommit(tailer);
    }
    append(log, "Nov 23 10:00:01 mx1 postfix/smtp[13]: " + queueId + ": to=<late@example.net>,"
        + " relay=mx.example.net[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n"
        + lines(0, 2));
    try (FileTailer tailer = tailer(log)) {
      pollAndCommit(tailer);
    }
    assertThat(events()).isEqualTo(4);
    try (EventStore store = EventStore.open(data())) {
      assertThat(new TraceSearcher(store).trace(TraceQuery.all().withTo("late@example.net")))
          .singleElement().satisfies(row -> {
            assertThat(row.sender()).as("sender from before the restart").isEqualTo("mary@example.com");
            assertThat(row.key()).isEqualTo("postfix:mx1:" + queueId);
          });
    }
  }

  @Test
  void generationsRotatedAwayWhileTheTailerWasDownAreReadButOlderHistoryIsNot() throws IOException {
    Path log = temp.resolve("mail.log");
    append(temp.resolve("mail.log.3"), lines(900, 905)); // history from before smtptrail was installed
    Files.setLastModifiedTime(temp.resolve("mail.log.3"), FileTime.from(Instant.now().minusSeconds(86_400)));
    append(log, lines(0, 5));
    try (FileTailer tailer = tailer(log)) {
      pollAndCommit(tailer);
    }
    // down: more lines, then two rotations; lines 10-14 lived only in a generation no tailer ever saw
    append(log, lines(5, 10));
    Files.move(log, temp.resolve("mail.log.1"));
    append(log, lines(10, 15));
    Files.move(temp.resolve("mail.log.1"), temp.resolve("mail.log.2"));
    Files.move(log, temp.resolve("mail.log.1"));
    append(log, lines(15, 20));

    try (FileTailer tailer = tailer(log)) {
      pollAndCommit(tailer);
      pollAndCommit(tailer);
    }
    List<String> expected = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      expected.add("user" + n + "@example.net");
    }
    assertThat(recipients()).as("every line once, the old history not backfilled")
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * The first tailer of a data folder dies before it commits anything (kill -9 during a slow start), and the log is
   * rotated before the next one runs: the rotated generation was written after the first tailer started, so it is
   * read, not taken for history from before smtptrail (TailerKillTest lost such a generation now and then).
   */
  @Test
  void aGenerationRotatedAfterAFirstTailerThatNeverCommittedIsRead() throws IOException {
    Path log = temp.resolve("mail.log");
    try (FileTailer tailer = tailer(log)) {
      tailer.pollOnce(); // the log does not exist yet: nothing read, nothing committed
    }
    assertThat(data().index().resolve("segments_1")).doesNotExist();
    append(log, lines(0, 5));
    Files.move(log, temp.resolve("mail.log.1"));
    Files.setLastModifiedTime(temp.resolve("mail.log.1"), FileTime.from(Instant.now().plusSeconds(1)));
    append(log, lines(5, 10));

    try (FileTailer tailer = tailer(log)) {
      pollAndCommit(tailer);
      pollAndCommit(tailer);
    }
    List<String> expected = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      expected.add("user" + n + "@example.net");
    }
    assertThat(recipients()).containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * A compressed rotation is read in one go when found (on restart, a tailer may find several): a stop asked meanwhile
   * (Ctrl-C, SIGTERM) is honoured between lines, not after the whole file (the soak saw minutes); the next run reads
   * the rest from the checkpoint, each line once.
   */
  @Test
  void aStopIsHonouredWhileACompressedRotationIsReadAndTheNextRunReadsTheRest() throws IOException {
    Path log = temp.resolve("mail.log");
    append(log, lines(0, 1));
    try (FileTailer tailer = tailer(log)) {
      pollAndCommit(tailer);
    }
    append(log, lines(1, 5000)); // while the tailer is down: the file grows, is rotated and compressed
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(temp.resolve("mail.log.1.gz")))) {
      out.write(Files.readAllBytes(log));
    }
    Files.delete(log);
    append(log, lines(5000, 5010));
    java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
    try (FileTailer tailer = tailer(log)) {
      tailer.run(() -> checks.incrementAndGet() <= 500); // "stop" arrives while the .gz is being read
      assertThat(tailer.linesRead()).as("stopped within the compressed file").isLessThan(1000);
    }
    try (FileTailer tailer = tailer(log)) {
      pollAndCommit(tailer);
      pollAndCommit(tailer);
    }
    assertThat(events()).isEqualTo(5010);
    assertThat(recipients()).hasSize(5010).doesNotHaveDuplicates();
  }

  @Test
  void manyLinesAcrossPollsAreAllIndexedOnce() throws IOException {
    Path log = temp.resolve("mail.log");
    try (FileTailer tailer = tailer(log)) {
      for (int batch = 0; batch < 20; batch++) {
        append(log, lines(batch * 50, batch * 50 + 50));
        if (batch % 3 == 0) {
          pollAndCommit(tailer);
        }
      }
      pollAndCommit(tailer);
      assertThat(tailer.linesRead()).isEqualTo(1000);
    }
    assertThat(events()).isEqualTo(1000);
    assertThat(recipients()).hasSize(1000).doesNotHaveDuplicates();
    assertThat(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()).hasSize(1000);
  }

  @Test
  void aGlobSourcePicksUpFilesThatAppearLaterAndEachSourceKeepsItsZone() throws IOException {
    Path east = Files.createDirectories(temp.resolve("east"));
    Path west = Files.createDirectories(temp.resolve("west"));
    append(west.resolve("mail.log"), lines(0, 1)); // Nov 23 10:00:00
    try (FileTailer tailer = new FileTailer(data(), LocalStore.DEFAULT, IMMEDIATE, List.of(
        LogSource.glob(temp, "east/*.log", new IngestOptions("postfix", ZoneOffset.ofHours(2), null)),
        LogSource.of(west.resolve("mail.log"), new IngestOptions(null, ZoneOffset.UTC, null))))) {
      pollAndCommit(tailer);
      assertThat(events()).isEqualTo(1);
      append(east.resolve("relay.log"), lines(1, 2)); // Nov 23 10:00:01 at +02:00
      append(east.resolve("relay.txt"), lines(2, 3)); // not matched by the glob
      pollAndCommit(tailer);
      assertThat(events()).isEqualTo(2);
    }
    try (EventStore store = EventStore.open(data())) {
      assertThat(new TraceSearcher(store).trace(TraceQuery.all().withLimit(0)))
          .extracting(DeliveryRow::recipient, r -> r.firstSeen().atOffset(ZoneOffset.UTC).toLocalTime().toString())
          .containsExactlyInAnyOrder(tuple("user0@example.net", "10:00"), tuple("user1@example.net", "08:00:01"));
    }
  }

  @Test
  void aLineWrittenAfterTheFileWasOpenedIsDatedUpToNowNotAYearBack() throws IOException {
    DateTimeFormatter classic = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH)
        .withZone(ZoneOffset.UTC);
    Instant monthsAgo = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
    Path log = temp.resolve("mail.log");
    append(log, classic.format(monthsAgo) + line(0).substring("Nov 23 10:00:00".length()) + "\n");
    Files.setLastModifiedTime(log, FileTime.from(monthsAgo)); // as a quiet server's log is when the tail starts
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (FileTailer tailer = tailer(log)) {
      pollAndCommit(tailer);
      append(log, classic.format(now) + line(1).substring("Nov 23 10:00:01".length()) + "\n");
      pollAndCommit(tailer);
    }
    try (EventStore store = EventStore.open(data())) {
      assertThat(new TraceSearcher(store).trace(TraceQuery.all().withLimit(0)))
          .extracting(DeliveryRow::recipient, DeliveryRow::firstSeen)
          .containsExactlyInAnyOrder(tuple("user0@example.net", monthsAgo), tuple("user1@example.net", now));
    }
  }

  @Test
  void aOneLineFileWaitsForItsNewlineAndALineABatchReadUnfinishedIsNotRepeated() throws IOException {
    Path log = temp.resolve("mail.log");
    append(log, line(0));
    new Ingester(data(), LocalStore.DEFAULT, IngestListener.NONE)
        .index(LogSource.all(List.of(log), new IngestOptions(null, ZoneOffset.UTC, null)));
    assertThat(events()).as("a batch reads the unfinished line").isEqualTo(1);
    try (FileTailer tailer = tailer(log)) {
      pollAndCommit(tailer);
      assertThat(tailer.followedFiles()).as("tail waits for a complete first line").isZero();
      append(log, "\n" + line(1) + "\n");
      pollAndCommit(tailer);
      assertThat(tailer.followedFiles()).isEqualTo(1);
    }
    assertThat(recipients()).containsExactlyInAnyOrder("user0@example.net", "user1@example.net");
    assertThat(events()).isEqualTo(2);
  }
}
