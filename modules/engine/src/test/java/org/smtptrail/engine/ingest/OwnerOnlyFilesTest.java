package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.LocalStore;

/**
 * Logs hold personal data, so everything smtptrail writes is owner-only: after an index run and after a tail run,
 * every folder under the data folder (index and state alike) is 0700 and every file 0600, whatever the umask of the
 * process (this JVM's is the default 022, under which Lucene and Chronicle would create 0644 files).
 */
class OwnerOnlyFilesTest {
  @TempDir Path temp;

  private DataDirectory data() {
    return new DataDirectory(temp.resolve("data"));
  }

  private void assertEverythingOwnerOnly() throws IOException {
    try (Stream<Path> walk = Files.walk(data().root())) {
      List<Path> all = walk.filter(p -> !p.getFileName().toString().equals("write.lock")).toList();
      assertThat(all).as("index and state were written")
          .anyMatch(p -> p.startsWith(data().index()) && Files.isRegularFile(p))
          .anyMatch(p -> p.startsWith(data().state()) && Files.isRegularFile(p));
      assertThat(all).allSatisfy(p -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .as("%s", p).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
    }
  }

  @Test
  void afterAnIndexRun() throws IOException {
    Path log = temp.resolve("mail.log");
    Files.write(log, IngesterTest.message(1, "sent"));
    new Ingester(data(), LocalStore.DEFAULT, IngestListener.NONE)
        .index(LogSource.all(List.of(log), new IngestOptions(null, ZoneOffset.UTC, null)));
    assertEverythingOwnerOnly();
  }

  @Test
  void afterATailRunThatCommittedSeveralTimes() throws IOException {
    Path log = temp.resolve("mail.log");
    Files.write(log, IngesterTest.message(1, "sent"));
    TailSettings immediate =
        new TailSettings(Duration.ofMillis(10), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    try (FileTailer tailer = new FileTailer(data(), LocalStore.DEFAULT, immediate,
        LogSource.all(List.of(log), new IngestOptions(null, ZoneOffset.UTC, null)))) {
      for (int n = 2; n < 6; n++) {
        tailer.pollOnce();
        tailer.commit();
        Files.write(log, IngesterTest.message(n, "sent"), StandardOpenOption.APPEND);
      }
      tailer.pollOnce();
      tailer.commit();
      assertEverythingOwnerOnly();
    }
    assertEverythingOwnerOnly();
  }
}
