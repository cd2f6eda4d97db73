package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Removed;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.DataFolderWriteException;
import org.smtptrail.engine.index.DiskFillingDirectory;
import org.smtptrail.engine.index.EventDocuments;
import org.smtptrail.engine.index.EventIndex;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.StoredEvent;

/** {@link IndexWorker}: a drain leaves every event handed over in the index; a worker's failure reaches the reader. */
class IndexWorkerTest {
  @TempDir Path temp;

  @Test
  void afterADrainEveryEventHandedOverIsCommittedInOrderAndNothingAfterIt() throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    int events = 5_000; // several batches and a partial one
    try (EventIndex index = EventIndex.openForWriting(data); IndexWorker worker = new IndexWorker(index)) {
      EventDocuments documents = new EventDocuments("file-1");
      for (int i = 0; i < events; i++) {
        worker.add(documents.events("postfix:mx1:K" + i, List.of(removed(i))));
      }
      worker.drain();
      index.commit();
      // handed over, never drained nor committed
      worker.add(documents.events("postfix:mx1:late", List.of(removed(events))));
    }
    try (Directory directory = FSDirectory.open(data.index()); DirectoryReader reader = DirectoryReader.open(directory)) {
      assertThat(reader.numDocs()).isEqualTo(events);
    }
    try (EventStore store = EventStore.open(data)) {
      assertThat(store.eventsOf(List.of("postfix:mx1:K0", "postfix:mx1:K4999", "postfix:mx1:late")))
          .extracting(StoredEvent::key).containsExactlyInAnyOrder("postfix:mx1:K0", "postfix:mx1:K4999");
      Map<String, List<LogEvent>> byKey = store.eventsByKey(List.of("postfix:mx1:late", "postfix:mx1:K7"));
      assertThat(byKey.keySet()).as("every key asked, in order").containsExactly("postfix:mx1:late", "postfix:mx1:K7");
      assertThat(byKey.get("postfix:mx1:late")).as("never committed").isEmpty();
      assertThat(byKey.get("postfix:mx1:K7")).containsExactly(removed(7));
    }
  }

  @Test
  void aFailureOnTheWorkerIsThrownToTheReadingThreadByItsNextDrainOrAdd() throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("full"));
    AtomicLong free = new AtomicLong(20_000);
    try (EventIndex index = EventIndex.openForWriting(data, dir -> new DiskFillingDirectory(dir, free));
        IndexWorker worker = new IndexWorker(index)) {
      EventDocuments documents = new EventDocuments("file-1");
      // enough events for Lucene to flush a segment while adding, which the full disk refuses
      assertThatThrownBy(() -> {
        for (int i = 0; i < 200_000; i++) {
          worker.add(documents.events("postfix:mx1:K" + i, List.of(removed(i))));
        }
        worker.drain();
        index.commit();
      }).isInstanceOf(DataFolderWriteException.class).hasMessageContaining("disk full")
          .satisfies(e -> assertThat(e.getStackTrace()).as("raised on the worker, while adding")
              .anyMatch(frame -> frame.getClassName().equals(IndexWorker.class.getName())
                  && frame.getMethodName().equals("work")));
      assertThatThrownBy(worker::drain).as("and again: nothing more is added").isInstanceOf(
          DataFolderWriteException.class);
    }
  }

  private static Removed removed(int i) {
    return new Removed(new EventHeader(new SourceLine("/var/log/mail.log", i + 1, i * 60L,
        "Nov 23 00:00:00 mx1 postfix/qmgr[2]: K" + i + ": removed"), Instant.ofEpochSecond(1_700_000_000L + i),
        "mx1", "postfix", "postfix/qmgr", "K" + i), false);
  }
}
