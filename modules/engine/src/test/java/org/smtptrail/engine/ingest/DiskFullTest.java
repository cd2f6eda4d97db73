package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.DataFolderWriteException;
import org.smtptrail.engine.index.DiskFillingDirectory;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * The disk of the data folder fills up while indexing (a Lucene directory that runs out of space at a chosen byte,
 * under the real ingester): the run ends with a clear error, the last commit stays readable and intact, and a re-run
 * once space is freed completes without duplicates.
 */
class DiskFullTest {
  private static final int FILES = 6;
  private static final int MESSAGES_PER_FILE = 300;
  private static final IngestOptions OPTIONS = new IngestOptions(null, ZoneOffset.UTC, null);

  @TempDir Path temp;

  @Test
  void aFullDiskEndsTheRunCleanlyAndARerunAfterwardsCompletesWithoutDuplicates() throws IOException {
    List<Path> logs = writeLogs(temp.resolve("logs"));
    long oneFileNeeds = bytesToIndex(logs.get(0));
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    AtomicLong free = new AtomicLong(oneFileNeeds * 5 / 2); // room for two files' commits, not three

    DataFolderWriteException full = catchThrowableOfType(DataFolderWriteException.class,
        () -> ingester(data, free).index(LogSource.all(List.of(temp.resolve("logs")), OPTIONS)));

    assertThat(full).as("the run ends with an error").isNotNull();
    assertThat(full.diskFull()).isTrue();
    assertThat(full.getMessage()).contains("disk full").contains(data.root().toString());
    assertCleanIndex(data);
    List<String> committed = recipients(data);
    assertThat(committed).as("whole files were committed before the disk filled").isNotEmpty()
        .doesNotHaveDuplicates().hasSizeLessThan(FILES * MESSAGES_PER_FILE);
    assertThat(committed.size() % MESSAGES_PER_FILE).as("only whole files are committed").isZero();

    IngestSummary rerun = new Ingester(data, LocalStore.DEFAULT, IngestListener.NONE)
        .index(LogSource.all(List.of(temp.resolve("logs")), OPTIONS));

    assertThat(rerun.filesUnchanged()).as("the committed files are not read again")
        .isEqualTo(committed.size() / MESSAGES_PER_FILE);
    assertCleanIndex(data);
    assertThat(recipients(data)).doesNotHaveDuplicates().hasSize(FILES * MESSAGES_PER_FILE);
    assertThat(eventCount(data)).as("the same events as an uninterrupted run")
        .isEqualTo(eventCount(uninterruptedRun(temp.resolve("logs"))));
  }

  @Test
  void aDiskFullAtTheFirstCommitLeavesAnEmptyButUsableDataFolder() throws IOException {
    List<Path> logs = writeLogs(temp.resolve("logs"));
    DataDirectory data = new DataDirectory(temp.resolve("data"));

    DataFolderWriteException full = catchThrowableOfType(DataFolderWriteException.class,
        () -> ingester(data, new AtomicLong(100)).index(LogSource.all(logs, OPTIONS)));

    assertThat(full.diskFull()).isTrue();
    assertThat(recipients(data)).isEmpty();
    new Ingester(data, LocalStore.DEFAULT, IngestListener.NONE).index(LogSource.all(logs, OPTIONS));
    assertThat(recipients(data)).doesNotHaveDuplicates().hasSize(FILES * MESSAGES_PER_FILE);
  }

  private static Ingester ingester(DataDirectory data, AtomicLong free) {
    return new Ingester(data, new LocalStore(dir -> new DiskFillingDirectory(dir, free)), IngestListener.NONE);
  }

  /** What indexing one file writes to the index folder, measured through the same wrapper. */
  private long bytesToIndex(Path log) throws IOException {
    long plenty = Long.MAX_VALUE / 2;
    AtomicLong free = new AtomicLong(plenty);
    ingester(new DataDirectory(temp.resolve("measure")), free).index(LogSource.all(List.of(log), OPTIONS));
    return plenty - free.get();
  }

  private DataDirectory uninterruptedRun(Path logs) throws IOException {
    DataDirectory reference = new DataDirectory(temp.resolve("reference"));
    new Ingester(reference, LocalStore.DEFAULT, IngestListener.NONE).index(LogSource.all(List.of(logs), OPTIONS));
    return reference;
  }

  /** Separate files (not a rotated set), each a whole number of delivered messages. */
  private static List<Path> writeLogs(Path folder) throws IOException {
    Files.createDirectories(folder);
    List<Path> logs = new ArrayList<>();
    for (int f = 0; f < FILES; f++) {
      StringBuilder text = new StringBuilder();
      for (int m = 0; m < MESSAGES_PER_FILE; m++) {
        int n = f * MESSAGES_PER_FILE + m;
        String id = String.format("B%09X", n);
        String time = String.format("Nov 23 %02d:%02d:%02d", n / 3600 % 24, n / 60 % 60, n % 60);
        text.append(time).append(" mx1 postfix/qmgr[12]: ").append(id)
            .append(": from=<mary@example.com>, size=100, nrcpt=1 (queue active)\n")
            .append(time).append(" mx1 postfix/smtp[13]: ").append(id).append(": to=<user").append(n)
            .append("@example.net>, relay=mx.example.net[203.0.113.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0,")
            .append(" status=sent (250 2.0.0 Ok)\n")
            .append(time).append(" mx1 postfix/qmgr[12]: ").append(id).append(": removed\n");
      }
      Path log = folder.resolve("host" + f + ".log");
      Files.writeString(log, text);
      logs.add(log);
    }
    return logs;
  }

  static void assertCleanIndex(DataDirectory data) throws IOException {
    try (FSDirectory directory = FSDirectory.open(data.index()); CheckIndex check = new CheckIndex(directory)) {
      assertThat(check.checkIndex().clean).as("Lucene's CheckIndex finds the last commit intact").isTrue();
    }
  }

  static List<String> recipients(DataDirectory data) throws IOException {
    List<String> recipients = new ArrayList<>();
    try (EventStore store = EventStore.open(data)) {
      for (DeliveryRow row : new TraceSearcher(store).trace(TraceQuery.all().withLimit(0))) {
        recipients.add(row.recipient());
      }
    }
    return recipients;
  }

  private static int eventCount(DataDirectory data) throws IOException {
    try (EventStore store = EventStore.open(data)) {
      return store.eventCount();
    }
  }
}
