package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.DataDirectoryInUseException;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.index.RowSchema;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.verdict.DeliveryRow;

class IngesterTest {
  @TempDir Path temp;

  /** The five lines of one delivered message; queue id and recipient vary with n. */
  static List<String> message(int n, String status) {
    String id = String.format("A%09X", n);
    String time = String.format("Nov 23 10:%02d:%02d", n / 60 % 60, n % 60);
    return List.of(
        time + " mx1 postfix/smtpd[10]: " + id + ": client=client.example.org[192.0.2.1]",
        time + " mx1 postfix/cleanup[11]: " + id + ": message-id=<m" + n + "@example.com>",
        time + " mx1 postfix/qmgr[12]: " + id + ": from=<mary@example.com>, size=100, nrcpt=1 (queue active)",
        time + " mx1 postfix/smtp[13]: " + id + ": to=<user" + n + "@example.net>, relay=mx.example.net"
            + "[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=" + status + " (250 2.0.0 Ok)",
        time + " mx1 postfix/qmgr[12]: " + id + ": removed");
  }

  private static List<String> messages(int from, int to) {
    List<String> lines = new ArrayList<>();
    for (int n = from; n < to; n++) {
      lines.addAll(message(n, "sent"));
    }
    return lines;
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n");
  }

  private static void gzip(Path file, byte[] content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
  }

  /** A zip archive as an admin makes it by hand: one entry per name, each with its content. */
  private static void zip(Path archive, String... namesAndContents) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(archive))) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        out.putNextEntry(new ZipEntry(namesAndContents[i]));
        out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }

  private IngestSummary index(Path... paths) throws IOException {
    return new Ingester(new DataDirectory(temp.resolve("data")), LocalStore.DEFAULT, IngestListener.NONE)
        .index(LogSource.all(Arrays.asList(paths), new IngestOptions(null, ZoneOffset.UTC, null)));
  }

  private List<DeliveryRow> trace(TraceQuery query) throws IOException {
    try (EventStore store = EventStore.open(new DataDirectory(temp.resolve("data")))) {
      return new TraceSearcher(store).trace(query);
    }
  }

  private int eventCount() throws IOException {
    try (EventStore store = EventStore.open(new DataDirectory(temp.resolve("data")))) {
      return store.eventCount();
    }
  }

  private int eventDocuments() throws IOException {
    try (Directory directory = FSDirectory.open(new DataDirectory(temp.resolve("data")).index());
        DirectoryReader reader = DirectoryReader.open(directory)) {
      return reader.numDocs() - new IndexSearcher(reader).count(new TermQuery(new Term(RowSchema.TYPE, RowSchema.ROW)));
    }
  }

  @Test
  void rotatedSetIsReadOldestFirstAndReindexingAddsNothing() throws IOException {
    Path logs = Files.createDirectory(temp.resolve("logs"));
    List<String> all = messages(0, 30);
    // message 9's lines straddle the .2.gz / .1 boundary, message 19's the .1 / live boundary
    gzip(logs.resolve("mail.log.2.gz"), (String.join("\n", all.subList(0, 48)) + "\n").getBytes(StandardCharsets.UTF_8));
    write(logs.resolve("mail.log.1"), all.subList(48, 97));
    write(logs.resolve("mail.log"), all.subList(97, all.size()));

    IngestSummary first = index(logs);
    assertThat(first.filesRead()).isEqualTo(3);
    assertThat(first.lines()).isEqualTo(150);
    assertThat(first.events()).isEqualTo(150);
    assertThat(first.unparsedLines()).isZero();
    assertThat(eventDocuments()).as("a document per message and file: messages 9 and 19 are in two files")
        .isEqualTo(32);
    List<DeliveryRow> rows = trace(new TraceQuery(null, null, null, null, null, null, null, null, 0));
    assertThat(rows).hasSize(30).allMatch(r -> r.verdict() == Verdict.HANDED_OVER);
    assertThat(rows.get(0).recipient()).as("newest first").isEqualTo("user29@example.net");
    assertThat(trace(new TraceQuery("USER9@example.NET", null, null, null, null, null, null, null, 0)))
        .singleElement().satisfies(r -> assertThat(r.evidence()).hasSize(5));

    IngestSummary again = index(logs);
    assertThat(again.filesUnchanged()).isEqualTo(3);
    assertThat(again.events()).isZero();
    assertThat(eventCount()).isEqualTo(150);
  }

  @Test
  void limitedTraceTakesTheNewestMessagesAcrossSegmentsWrittenOutOfTimeOrder() throws IOException {
    Path logs = Files.createDirectory(temp.resolve("logs"));
    // three runs, three commits, three segments; the newest mail comes first, the oldest last. More messages per
    // segment than the searcher reads in one batch, so a wrong order would show in the first page
    for (int[] range : new int[][] {{600, 900}, {0, 300}, {300, 600}}) {
      Path file = logs.resolve("server" + range[0] + ".log");
      write(file, messages(range[0], range[1]));
      index(file);
    }
    try (Directory directory = FSDirectory.open(new DataDirectory(temp.resolve("data")).index());
        DirectoryReader reader = DirectoryReader.open(directory)) {
      assertThat(reader.leaves()).as("segments").hasSize(3);
    }
    List<String> newest = trace(new TraceQuery(null, null, null, null, null, null, null, null, 12, 0)).stream()
        .map(DeliveryRow::recipient).toList();
    List<String> next = trace(new TraceQuery(null, null, null, null, null, null, null, null, 12, 12)).stream()
        .map(DeliveryRow::recipient).toList();
    assertThat(newest).containsExactly(recipients(899, 888));
    assertThat(next).containsExactly(recipients(887, 876));
    assertThat(trace(new TraceQuery(null, null, "example.net", null, null, null, null, null, 3, 0)))
        .extracting(DeliveryRow::recipient).containsExactly(recipients(899, 897));
  }

  /** user{from}@example.net down to user{to}@example.net. */
  private static String[] recipients(int from, int to) {
    String[] recipients = new String[from - to + 1];
    for (int n = from; n >= to; n--) {
      recipients[from - n] = "user" + n + "@example.net";
    }
    return recipients;
  }

  @Test
  void renamedAndCompressedRotationIsRecognisedByContent() throws IOException {
    Path logs = Files.createDirectory(temp.resolve("logs"));
    write(logs.resolve("mail.log"), messages(0, 10));
    index(logs);
    // logrotate: mail.log -> mail.log.1 (later compressed), a new mail.log is started
    byte[] rotated = Files.readAllBytes(logs.resolve("mail.log"));
    Files.delete(logs.resolve("mail.log"));
    gzip(logs.resolve("mail.log.1.gz"), rotated);
    write(logs.resolve("mail.log"), messages(10, 12));

    IngestSummary summary = index(logs);
    assertThat(summary.filesUnchanged()).isEqualTo(1);
    assertThat(summary.events()).isEqualTo(10);
    assertThat(eventCount()).isEqualTo(60);
  }

  @Test
  void zippedRotationIsReadOnceAndAnArchiveOfSeveralLogsIsRefusedByName() throws IOException {
    Path logs = Files.createDirectory(temp.resolve("logs"));
    write(logs.resolve("mail.log.1"), messages(0, 10));
    index(logs);
    // the admin zips yesterday's log by hand, and an older one never indexed before
    String yesterday = Files.readString(logs.resolve("mail.log.1"));
    Files.delete(logs.resolve("mail.log.1"));
    zip(logs.resolve("mail.log.1.zip"), "mail.log.1", yesterday);
    zip(logs.resolve("mail.log.2.zip"), "mail.log.2", String.join("\n", messages(20, 23)) + "\n");
    zip(logs.resolve("archive.zip"), "a.log", "x\n", "b.log", "y\n");

    IngestSummary summary = index(logs);
    assertThat(summary.filesUnchanged()).as("mail.log.1.zip holds what mail.log.1 held").isEqualTo(1);
    assertThat(summary.filesRead()).isEqualTo(1);
    assertThat(summary.events()).isEqualTo(15);
    assertThat(trace(new TraceQuery("user21@example.net", null, null, null, null, null, null, null, 0)))
        .singleElement().satisfies(r -> assertThat(r.evidence()).hasSize(5)
            .allMatch(line -> line.file().endsWith("mail.log.2.zip")));
    assertThat(summary.filesSkipped()).singleElement().satisfies(file -> {
      assertThat(file.file()).endsWith("archive.zip");
      assertThat(file.reason()).contains("zip archive of 2 files (a.log, b.log)").contains("unzip it first");
    });
    assertThat(eventCount()).isEqualTo(65);
  }

  @Test
  void appendedLinesAreIndexedIncrementallyAndAnUnfinishedLineIsNotDuplicated() throws IOException {
    Path log = temp.resolve("mail.log");
    List<String> lines = messages(0, 2);
    String text = String.join("\n", lines) + "\n" + lines.get(0).substring(0, 20); // writer mid-line
    Files.writeString(log, text);
    IngestSummary first = index(log);
    assertThat(first.events()).isEqualTo(11).as("10 lines and an unparsed fragment");
    Files.writeString(log, lines.get(0).substring(20).replace("A00000000", "B00000000") + "\n"
        + String.join("\n", messages(5, 6)) + "\n", StandardOpenOption.APPEND);
    IngestSummary second = index(log);
    assertThat(second.events()).isEqualTo(6);
    assertThat(eventCount()).as("the fragment's document was replaced, not duplicated").isEqualTo(16);
  }

  @Test
  void truncatedGzipIndexesWhatIsReadableAndReportsTheRest() throws IOException {
    Path logs = Files.createDirectory(temp.resolve("logs"));
    Path gz = logs.resolve("mail.log.1.gz");
    gzip(gz, (String.join("\n", messages(0, 400)) + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(whole, whole.length / 2));
    write(logs.resolve("mail.log"), messages(400, 401));

    IngestSummary summary = index(logs);
    assertThat(summary.filesSkipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).startsWith("read up to byte "));
    assertThat(summary.events()).isGreaterThan(5).isLessThan(2005);
    assertThat(trace(new TraceQuery("user400@example.net", null, null, null, null, null, null, null, 0))).hasSize(1);
    assertThat(index(logs).events()).as("nothing is indexed twice on the next run").isZero();
  }

  @Test
  void otherFilesAreSkippedWithAReasonAndUnparsedLinesAreCounted() throws IOException {
    Path logs = Files.createDirectory(temp.resolve("logs"));
    Files.writeString(logs.resolve("README.md"), "# notes\nnothing to see\n");
    Files.writeString(logs.resolve("empty.log"), "");
    List<String> lines = new ArrayList<>(messages(0, 3));
    lines.add(4, "garbage \u0000 line");
    lines.add("Nov 23 10:00:09 mx1 dovecot[5]: imap-login: Login: user=<mary>");
    write(logs.resolve("mail.log"), lines);

    IngestSummary summary = index(logs, temp.resolve("missing.log"));
    assertThat(summary.filesSkipped()).extracting(IngestSummary.SkippedFile::reason)
        .anyMatch(r -> r.startsWith("not a known log format"))
        .contains("empty", "no such file or folder");
    assertThat(summary.unparsedLines()).isEqualTo(1);
    assertThat(summary.unparsedExamples()).singleElement().asString().contains("mail.log:5: expected a syslog line");
    assertThat(summary.skippedLines()).isEqualTo(1);
    assertThat(trace(new TraceQuery(null, null, null, null, null, null, null, null, 0))).hasSize(3);
  }

  @Test
  void dataFolderAndIndexFilesAreOwnerOnly() throws IOException {
    Path log = temp.resolve("mail.log");
    write(log, messages(0, 1));
    index(log);
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.root()))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.index()))).isEqualTo("rwx------");
    try (var files = Files.list(data.index())) {
      assertThat(files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("write.lock")))
          .isNotEmpty()
          .allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
              .as("%s", f).isEqualTo("rw-------"));
    }
  }

  @Test
  void aSecondWriterIsToldWhoHoldsTheDataFolder() throws IOException {
    Path log = temp.resolve("mail.log");
    write(log, messages(0, 1));
    try (IndexSession writer =
        IndexSession.open(new DataDirectory(temp.resolve("data")), LocalStore.DEFAULT, IngestListener.NONE)) {
      assertThatThrownBy(() -> index(log))
          .isInstanceOf(DataDirectoryInUseException.class)
          .hasMessageContaining("in use by another smtptrail index or tail process")
          .hasMessageContaining("(PID " + ProcessHandle.current().pid() + ")");
    }
    assertThat(index(log).events()).as("usable again once the first writer let go").isEqualTo(5);
  }

  @Test
  void eachSourceIsReadWithItsOwnZoneAndAFileTwoSourcesNameIsReadOnceWithTheFirstsOptions() throws IOException {
    Path east = Files.createDirectories(temp.resolve("logs/east"));
    Path west = Files.createDirectories(temp.resolve("logs/west"));
    write(east.resolve("mail.log"), message(1, "sent")); // Nov 23 10:00:01, local time of each source
    write(west.resolve("mail.log"), message(2, "sent"));
    Ingester ingester = new Ingester(new DataDirectory(temp.resolve("data")), LocalStore.DEFAULT, IngestListener.NONE);
    IngestSummary summary = ingester.index(List.of(
        LogSource.glob(temp, "logs/east/mail.log*", new IngestOptions("postfix", ZoneOffset.ofHours(2), null)),
        LogSource.of(west, new IngestOptions(null, ZoneOffset.UTC, null)),
        LogSource.of(east.resolve("mail.log"), new IngestOptions(null, ZoneOffset.UTC, null)),
        LogSource.glob(temp, "logs/north/*.log", new IngestOptions(null, ZoneOffset.UTC, null))));
    assertThat(summary.filesRead()).isEqualTo(2);
    assertThat(summary.filesSkipped()).singleElement().satisfies(s -> {
      assertThat(s.file()).isEqualTo(temp + "/logs/north/*.log");
      assertThat(s.reason()).isEqualTo("no file matches");
    });
    assertThat(trace(new TraceQuery(null, null, null, null, null, null, null, null, 0)))
        .extracting(DeliveryRow::recipient, r -> r.firstSeen().atOffset(ZoneOffset.UTC).toLocalTime().toString())
        .containsExactlyInAnyOrder(tuple("user1@example.net", "08:00:01"), tuple("user2@example.net", "10:00:02"));
  }

  @Test
  void aOneLineFileWithoutNewlineIsReadAndNotDuplicatedOnceItsNewlineArrives() throws IOException {
    Path log = temp.resolve("mail.log");
    String delivery = message(0, "sent").get(3);
    Files.writeString(log, delivery); // an excerpt saved without a final newline
    IngestSummary first = index(log);
    assertThat(first.filesSkipped()).isEmpty();
    assertThat(first.events()).isEqualTo(1);
    assertThat(index(log).events()).as("read again, replacing itself").isEqualTo(1);
    Files.writeString(log, "\n", StandardOpenOption.APPEND);
    index(log);
    assertThat(eventCount()).as("its newline arrived: the same file, the same line").isEqualTo(1);
    assertThat(index(log).events()).as("complete now: nothing new").isZero();
    Files.writeString(log, String.join("\n", message(1, "sent")) + "\n", StandardOpenOption.APPEND);
    index(log);
    assertThat(eventCount()).isEqualTo(6);
    assertThat(trace(TraceQuery.all().withLimit(0))).extracting(DeliveryRow::recipient)
        .containsExactlyInAnyOrder("user0@example.net", "user1@example.net");
  }

  @Test
  void aOneLineFileWithoutNewlineIsReadWithAForcedFormatAndWhatIsNoLogIsSaidSo() throws IOException {
    Path logs = Files.createDirectory(temp.resolve("logs"));
    Files.writeString(logs.resolve("excerpt.txt"), message(0, "sent").get(3));
    Files.write(logs.resolve("blob.bin"), new byte[] {1, 2, 3, (byte) 0xff});
    Ingester ingester = new Ingester(new DataDirectory(temp.resolve("data")), LocalStore.DEFAULT, IngestListener.NONE);
    IngestSummary summary = ingester
        .index(List.of(LogSource.of(logs.resolve("excerpt.txt"), new IngestOptions("postfix", ZoneOffset.UTC, null)),
            LogSource.of(logs.resolve("blob.bin"), new IngestOptions(null, ZoneOffset.UTC, null))));
    assertThat(summary.filesRead()).isEqualTo(1);
    assertThat(summary.filesSkipped()).singleElement().satisfies(s -> {
      assertThat(s.file()).endsWith("blob.bin");
      assertThat(s.reason()).startsWith(Ingester.NOT_A_LOG);
    });
    assertThat(trace(TraceQuery.all())).extracting(DeliveryRow::recipient).containsExactly("user0@example.net");
  }
}
