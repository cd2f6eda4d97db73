package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.common.primitives.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.IngestSummary.UnparsedInFile;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * Bad input through the real ingest path (batch and tail) into a real index: each run completes, every good line
 * around the bad ones is indexed, and the bad ones are counted per file with their line numbers. Empty files, a
 * truncated .gz and files of no known format are covered by {@link IngesterTest}.
 */
class BadInputTest {
  private static final TailSettings IMMEDIATE =
      new TailSettings(Duration.ofMillis(10), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  @TempDir Path temp;

  private DataDirectory data() {
    return new DataDirectory(temp.resolve("data"));
  }

  private IngestSummary index(Path... paths) throws IOException {
    return new Ingester(data(), LocalStore.DEFAULT, IngestListener.NONE)
        .index(LogSource.all(Arrays.asList(paths), new IngestOptions(null, ZoneOffset.UTC, null)));
  }

  private FileTailer tailer(Path... paths) throws IOException {
    return new FileTailer(data(), LocalStore.DEFAULT, IMMEDIATE,
        LogSource.all(List.of(paths), new IngestOptions(null, ZoneOffset.UTC, null)));
  }

  private List<DeliveryRow> rows() throws IOException {
    try (EventStore store = EventStore.open(data())) {
      return new TraceSearcher(store).trace(TraceQuery.all().withLimit(0));
    }
  }

  private static byte[] lines(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static List<String> withNulInTheReply(List<String> message) {
    List<String> lines = new ArrayList<>(message);
    lines.set(3, lines.get(3).replace("Ok)", "Ok\u0000)"));
    return lines;
  }

  /** Random bytes without a newline: a line of binary garbage. */
  private static byte[] binaryGarbage(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        bytes[i] = 0;
      }
    }
    return concat(bytes, new byte[] {'\n'});
  }

  @Test
  void binaryGarbageNulBytesAndBadEncodingsAmongGoodLines() throws IOException {
    Random random = new Random(20261123);
    // a bounce whose reply text is Latin-1 (not UTF-8): the line is kept, decoded as Latin-1
    byte[] latin1 = ("Nov 23 10:00:07 mx1 postfix/smtp[13]: A000000007: to=<m\u00fcller@example.net>,"
        + " relay=mx.example.net[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host"
        + " mx.example.net[203.0.113.7] said: 550 5.1.1 Empf\u00e4nger unbekannt (in reply to RCPT TO command))\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    // the same with an invalid UTF-8 sequence (a lone continuation byte)
    byte[] invalidUtf8 = concat("Nov 23 10:00:08 mx1 postfix/smtp[13]: A000000008: to=<x@example.net>,".getBytes(
        StandardCharsets.US_ASCII), new byte[] {(byte) 0x80, (byte) 0xC3}, (" relay=mx.example.net[203.0.113.7]:25,"
        + " delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n").getBytes(StandardCharsets.US_ASCII));
    Path log = temp.resolve("mail.log");
    Files.write(log, concat(
        lines(IngesterTest.message(1, "sent")),                      // lines 1-5
        binaryGarbage(random, 300),                                  // line 6
        lines(IngesterTest.message(2, "sent")),                      // lines 7-11
        "\u0000\u0000\u0000\n".getBytes(StandardCharsets.UTF_8),     // line 12: NUL bytes only
        lines(withNulInTheReply(IngesterTest.message(3, "sent"))),   // lines 13-17: NUL inside a line
        latin1,                                                      // line 18
        invalidUtf8,                                                 // line 19
        binaryGarbage(random, 5000),                                 // line 20
        lines(IngesterTest.message(4, "sent"))));                    // lines 21-25

    IngestSummary summary = index(log);

    assertThat(summary.lines()).isEqualTo(25);
    assertThat(summary.unparsedLines()).as(summary.unparsedExamples().toString()).isEqualTo(3);
    assertThat(summary.unparsedPerFile()).containsExactly(
        new UnparsedInFile(log.toString(), 3, List.of(6L, 12L, 20L)));
    List<DeliveryRow> rows = rows();
    assertThat(rows).extracting(DeliveryRow::recipient).containsExactlyInAnyOrder("user1@example.net",
        "user2@example.net", "user3@example.net", "user4@example.net", "m\u00fcller@example.net", "x@example.net");
    DeliveryRow muller = rows.stream().filter(r -> r.recipient().startsWith("m")).findFirst().orElseThrow();
    assertThat(muller.verdict()).isEqualTo(Verdict.BOUNCED);
    assertThat(muller.reply()).contains("Empf\u00e4nger unbekannt");
    assertThat(muller.evidence()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(18));
    assertThat(rows).filteredOn(r -> r.recipient().equals("user3@example.net")).singleElement()
        .satisfies(r -> assertThat(r.reply()).contains("Ok\u0000"));
  }

  @Test
  void crLfLineEndsAreReadLikeLf() throws IOException {
    Path log = temp.resolve("mail.log");
    List<String> lines = new ArrayList<>(IngesterTest.message(1, "deferred"));
    lines.addAll(IngesterTest.message(2, "sent"));
    Files.writeString(log, String.join("\r\n", lines) + "\r\n");

    IngestSummary summary = index(log);

    assertThat(summary.unparsedLines()).isZero();
    assertThat(rows()).extracting(DeliveryRow::recipient, DeliveryRow::verdict).containsExactlyInAnyOrder(
        tuple("user1@example.net", Verdict.DEFERRED),
        tuple("user2@example.net", Verdict.HANDED_OVER));
    assertThat(rows()).flatExtracting(DeliveryRow::evidence).noneMatch(e -> e.text().contains("\r"));
  }

  /** A 50 MB line (generated here, streamed to disk) between good lines. */
  private Path logWithAFiftyMegabyteLine() throws IOException {
    Path log = temp.resolve("mail.log");
    try (OutputStream out = Files.newOutputStream(log)) {
      out.write(lines(IngesterTest.message(1, "sent")));
      byte[] chunk = "Nov 23 10:00:06 mx1 postfix/smtp[13]: ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
      for (long written = 0; written < 50L << 20; written += chunk.length) {
        out.write(chunk);
      }
      out.write('\n');
      out.write(lines(IngesterTest.message(2, "sent")));
    }
    return log;
  }

  @Test
  void aFiftyMegabyteLineIsCutCountedAndTheLinesAfterItAreIndexed() throws IOException {
    Path log = logWithAFiftyMegabyteLine();

    IngestSummary summary = index(log);

    assertThat(summary.lines()).isEqualTo(11);
    assertThat(summary.unparsedPerFile()).containsExactly(new UnparsedInFile(log.toString(), 1, List.of(6L)));
    assertThat(rows()).extracting(DeliveryRow::recipient)
        .containsExactlyInAnyOrder("user1@example.net", "user2@example.net");
    assertThat(rows()).filteredOn(r -> r.recipient().equals("user2@example.net")).singleElement()
        .satisfies(r -> assertThat(r.evidence().get(0).line()).as("numbers after the long line").isEqualTo(7));
  }

  /**
   * A line too long to parse is stored as unparsed evidence by the engine itself, without a parser: its credentials
   * are masked all the same. The index is searched byte for byte (the secret is unique, so compression keeps it
   * literal).
   */
  @Test
  void aCutLineIsStoredWithItsCredentialsMasked() throws IOException {
    Path log = temp.resolve("mail.log");
    try (OutputStream out = Files.newOutputStream(log)) {
      out.write(lines(IngesterTest.message(1, "sent")));
      out.write("Nov 23 10:00:06 mx1 postfix/smtp[13]: relay login user=joe password=L0ngLine5ecret "
          .getBytes(StandardCharsets.US_ASCII));
      out.write("x".repeat(LineReader.MAX_LINE_BYTES + 1000).getBytes(StandardCharsets.US_ASCII));
      out.write('\n');
    }
    IngestSummary summary = index(log);
    assertThat(summary.unparsedPerFile()).containsExactly(new UnparsedInFile(log.toString(), 1, List.of(6L)));
    byte[] secret = "L0ngLine5ecret".getBytes(StandardCharsets.US_ASCII);
    byte[] marker = "password=[credentials masked]".getBytes(StandardCharsets.US_ASCII);
    boolean markerStored = false;
    try (var files = Files.walk(temp.resolve("data"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Bytes.indexOf(bytes, secret)).as("the secret in %s", file).isNegative();
        markerStored |= Bytes.indexOf(bytes, marker) >= 0;
      }
    }
    assertThat(markerStored).as("the masked line is stored").isTrue();
  }

  @Test
  void aFiftyMegabyteLineDoesNotStopTheTailer() throws IOException {
    Path log = logWithAFiftyMegabyteLine();
    try (FileTailer tailer = tailer(log)) {
      for (int poll = 0; poll < 200 && rows().size() < 2; poll++) {
        tailer.pollOnce();
        tailer.commit();
      }
    }
    assertThat(rows()).extracting(DeliveryRow::recipient)
        .containsExactlyInAnyOrder("user1@example.net", "user2@example.net");
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * chmod 000 denies nothing to root (CI and these machines run as root): there the files are read, and the test
   * says so rather than pretending; as any other user they are reported and the run goes on.
   */
  @Test
  void unreadableFileAndFolderAreReportedAndTheRestIsIndexed() throws IOException {
    Path logs = Files.createDirectory(temp.resolve("logs"));
    Files.write(logs.resolve("mail.log"), lines(IngesterTest.message(1, "sent")));
    Path locked = logs.resolve("locked.log");
    Files.write(locked, lines(IngesterTest.message(2, "sent")));
    Path lockedFolder = Files.createDirectory(logs.resolve("old"));
    Files.write(lockedFolder.resolve("mail.log"), lines(IngesterTest.message(3, "sent")));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(lockedFolder, PosixFilePermissions.fromString("---------"));
    try {
      IngestSummary summary = index(logs);
      if (root()) {
        assertThat(summary.unreadableFiles()).as("root reads 000 files").isEmpty();
        assertThat(rows()).hasSize(3);
      } else {
        assertThat(summary.unreadableFiles()).extracting(IngestSummary.SkippedFile::file)
            .containsExactlyInAnyOrder(locked.toString(), lockedFolder.toString());
        assertThat(summary.unreadableFiles()).allSatisfy(
            f -> assertThat(f.reason()).isEqualTo("unreadable: permission denied"));
        assertThat(rows()).extracting(DeliveryRow::recipient).containsExactly("user1@example.net");
      }
    } finally {
      Files.setPosixFilePermissions(lockedFolder, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void theTailerReportsAnUnreadableOrDamagedFileAndGoesOn() throws IOException {
    Path logs = Files.createDirectory(temp.resolve("logs"));
    Path good = logs.resolve("mail.log");
    Files.write(good, lines(IngesterTest.message(1, "sent")));
    Path locked = logs.resolve("locked.log");
    Files.write(locked, lines(IngesterTest.message(2, "sent")));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    Path gz = logs.resolve("old.log.gz");
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(compressed)) {
      for (int n = 100; n < 400; n++) {
        out.write(lines(IngesterTest.message(n, "sent")));
      }
    }
    Files.write(gz, Arrays.copyOf(compressed.toByteArray(), compressed.size() / 2));

    try (FileTailer tailer = tailer(logs)) {
      tailer.pollOnce();
      tailer.pollOnce();
      Files.write(good, lines(IngesterTest.message(3, "sent")), StandardOpenOption.APPEND);
      tailer.pollOnce();
      tailer.commit();
      assertThat(tailer.problems()).as("each problem once, however many polls")
          .anyMatch(p -> p.startsWith(gz + ": read up to byte "))
          .hasSize(root() ? 1 : 2);
      if (!root()) {
        assertThat(tailer.problems()).contains(locked + ": unreadable: permission denied");
      }
    }
    assertThat(rows()).extracting(DeliveryRow::recipient).contains("user1@example.net", "user3@example.net",
        "user100@example.net");
  }

  @Test
  void linesOutOfTimeOrderAClockJumpAndDuplicatedLinesKeepTheVerdicts() throws IOException {
    List<String> lines = new ArrayList<>();
    // message 1: its lines logged out of order (the delivery before the pickup)
    List<String> first = IngesterTest.message(1, "sent");
    lines.addAll(List.of(first.get(0), first.get(3), first.get(1), first.get(2), first.get(4)));
    // message 2: deferred at 10:00:02, then the clock is set back an hour and the retry succeeds "at 09:00:05"
    List<String> deferred = IngesterTest.message(2, "deferred");
    lines.addAll(deferred.subList(0, 4));
    lines.add(IngesterTest.message(2, "sent").get(3).replace("Nov 23 10:00:02", "Nov 23 09:00:05"));
    lines.add(deferred.get(4).replace("Nov 23 10:00:02", "Nov 23 09:00:06"));
    // message 3: every line logged twice (a syslog relay that repeats itself)
    for (String line : IngesterTest.message(3, "sent")) {
      lines.add(line);
      lines.add(line);
    }
    Path log = temp.resolve("mail.log");
    Files.write(log, lines(lines));

    IngestSummary summary = index(log);

    assertThat(summary.unparsedLines()).isZero();
    List<DeliveryRow> rows = rows();
    assertThat(rows).extracting(DeliveryRow::recipient, DeliveryRow::verdict, DeliveryRow::attempts)
        .containsExactlyInAnyOrder(
            tuple("user1@example.net", Verdict.HANDED_OVER, 1),
            tuple("user2@example.net", Verdict.HANDED_OVER, 2),
            tuple("user3@example.net", Verdict.HANDED_OVER, 1));
  }

  /** A .gz cut within its first KiB: what decompresses is still recognised and read (IngesterTest cuts a big one). */
  @Test
  void aGzipCutWithinItsFirstKilobyteIsReadUpToTheCut() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(compressed)) {
      for (int n = 1; n <= 3; n++) {
        out.write(lines(IngesterTest.message(n, "sent")));
      }
    }
    assertThat(compressed.size()).isLessThan(1024);
    Path gz = temp.resolve("mail.log.1.gz");
    Files.write(gz, Arrays.copyOf(compressed.toByteArray(), compressed.size() * 3 / 4));

    IngestSummary summary = index(gz);

    assertThat(summary.unreadableFiles()).singleElement()
        .satisfies(f -> assertThat(f.reason()).startsWith("read up to byte "));
    assertThat(summary.lines()).as("the lines before the cut").isPositive();
    assertThat(rows()).as("message 1, seen up to the cut").isNotEmpty();
  }
}
