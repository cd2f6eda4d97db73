package org.smtptrail.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.store.IndexNeedsUpgradeException;
import org.smtptrail.engine.store.LiveFigures;
import org.smtptrail.engine.store.TimeBudgetExceededException;

/**
 * {@link LiveIndex}: an index that appears later is picked up, commits become visible on refresh, and a store taken
 * before a refresh keeps its own view until it is closed.
 */
class LiveIndexTest {
  @TempDir Path temp;

  @Test
  void aDataFolderWithoutIndexReadsAsNoneUntilTheFirstCommit() throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    try (LiveIndex live = LiveIndex.open(data)) {
      assertThat(live.acquire()).isEmpty();
      assertThat(live.figures()).isEqualTo(LiveFigures.NONE);
      assertThat(live.refresh()).isFalse();
      commitOneEvent(data.create());
      assertThat(live.refresh()).isTrue();
      try (EventStore store = live.acquire().orElseThrow()) {
        assertThat(keys(store)).containsExactly("a");
      }
    }
  }

  @Test
  void aRefreshShowsNewCommitsWhileEarlierStoresKeepTheirView() throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("data")).create();
    try (Directory directory = FSDirectory.open(data.index()); IndexWriter writer = writer(directory)) {
      add(writer, "a", 10, "DeliveryAttempt");
      add(writer, "a", 11, "Unparsed");
      writer.commit();
      try (LiveIndex live = LiveIndex.open(data)) {
        assertThat(live.figures().events()).isEqualTo(2);
        assertThat(live.figures().unparsed()).isEqualTo(1);
        EventStore before = live.acquire().orElseThrow();
        add(writer, "b", 20, "Unparsed");
        assertThat(live.refresh()).as("nothing committed yet").isFalse();
        writer.commit();
        assertThat(live.refresh()).isTrue();
        assertThat(live.refresh()).as("nothing new since").isFalse();
        try (EventStore after = live.acquire().orElseThrow()) {
          assertThat(keys(after)).containsExactly("b", "a");
          assertThat(after.eventCount()).isEqualTo(3);
        }
        assertThat(keys(before)).as("the older view, still open after the refresh").containsExactly("a");
        before.close();
        assertThat(live.figures().unparsed()).isEqualTo(2);
        assertThat(live.figures().refreshed()).isNotNull();
      }
    }
  }

  @Test
  void aStoreWithItsTimeBudgetSpentStopsAtItsNextRead() throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("data")).create();
    commitOneEvent(data);
    try (LiveIndex live = LiveIndex.open(data)) {
      try (EventStore store = live.acquire(Duration.ofMinutes(1)).orElseThrow()) {
        assertThat(keys(store)).as("within its budget").containsExactly("a");
      }
      try (EventStore store = live.acquire(Duration.ZERO).orElseThrow()) {
        assertThatThrownBy(() -> keys(store)).isInstanceOf(TimeBudgetExceededException.class)
            .hasMessageContaining("longer than its budget of 0 ms");
      }
      try (EventStore store = live.acquire().orElseThrow()) {
        assertThat(keys(store)).as("the shared reader was handed back, not closed").containsExactly("a");
      }
    }
  }

  @Test
  void anIndexFolderDeletedUnderTheViewReadsAsNoneUntilMadeAgain() throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("data")).create();
    commitOneEvent(data);
    try (LiveIndex live = LiveIndex.open(data)) {
      EventStore during = live.acquire().orElseThrow();
      try (var files = Files.walk(data.index())) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
      assertThat(live.refresh()).isTrue();
      assertThat(live.acquire()).isEmpty();
      assertThat(live.figures()).isEqualTo(LiveFigures.NONE);
      assertThat(keys(during)).as("a request under way keeps its view").containsExactly("a");
      during.close();
      try (Directory directory = FSDirectory.open(data.create().index()); IndexWriter writer = writer(directory)) {
        add(writer, "b", 20, "DeliveryAttempt");
        writer.commit();
      }
      assertThat(live.refresh()).isTrue();
      try (EventStore store = live.acquire().orElseThrow()) {
        assertThat(keys(store)).containsExactly("b");
      }
    }
  }

  @Test
  void anIndexAnOlderSmtptrailWroteIsRefusedWithWhatToRunAtTheStartAndAtEveryRequest() throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("data")).create();
    commitOneEventAsAnOlderSmtptrail(data);
    assertThatThrownBy(() -> LiveIndex.open(data)).isInstanceOf(IndexNeedsUpgradeException.class)
        .hasMessageContaining("smtptrail upgrade --data " + data.root());

    DataDirectory replaced = new DataDirectory(temp.resolve("replaced")).create();
    try (LiveIndex live = LiveIndex.open(replaced)) {
      commitOneEventAsAnOlderSmtptrail(replaced);
      assertThat(live.refresh()).isTrue();
      assertThatThrownBy(live::acquire).as("no rows is not \"no mail\"")
          .isInstanceOf(IndexNeedsUpgradeException.class);
      assertThatThrownBy(() -> live.acquire(Duration.ofMinutes(1))).isInstanceOf(IndexNeedsUpgradeException.class);
    }
  }

  @Test
  void everyRequestHandsItsReferenceBackSoAnOldViewCloses() throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("data")).create();
    try (Directory directory = FSDirectory.open(data.index()); IndexWriter writer = writer(directory)) {
      add(writer, "a", 10, "DeliveryAttempt");
      writer.commit();
      try (LiveIndex live = LiveIndex.open(data)) {
        AtomicBoolean oldViewClosed = new AtomicBoolean();
        EventStore first = live.acquire().orElseThrow();
        first.reader().getReaderCacheHelper().addClosedListener(key -> oldViewClosed.set(true));
        EventStore second = live.acquire().orElseThrow();
        EventStore budgeted = live.acquire(Duration.ofMinutes(1)).orElseThrow();
        first.close();
        second.close();
        budgeted.close();
        add(writer, "b", 20, "DeliveryAttempt");
        writer.commit();
        assertThat(live.refresh()).isTrue();
        assertThat(oldViewClosed).as("the view before the refresh, once its three requests handed it back")
            .isTrue();
      }
    }
  }

  /** Commits one event of message "a", as smtptrail's own writer does (its commit says it holds the stored rows). */
  private static void commitOneEvent(DataDirectory data) throws IOException {
    try (Directory directory = FSDirectory.open(data.index()); IndexWriter writer = writer(directory)) {
      addOneEventAndCommit(writer);
    }
  }

  /** Commits one event of message "a", as an older smtptrail did: its commit does not say it holds stored rows. */
  private static void commitOneEventAsAnOlderSmtptrail(DataDirectory data) throws IOException {
    try (Directory directory = FSDirectory.open(data.index()); IndexWriter writer = olderWriter(directory)) {
      addOneEventAndCommit(writer);
    }
  }

  private static void addOneEventAndCommit(IndexWriter writer) throws IOException {
    add(writer, "a", 10, "DeliveryAttempt");
    writer.commit();
  }

  /** A writer whose commits say they hold the stored rows of this version, as smtptrail's own writer's do. */
  private static IndexWriter writer(Directory directory) throws IOException {
    IndexWriter writer = olderWriter(directory);
    writer.setLiveCommitData(Map.of(RowSchema.VERSION_KEY, RowSchema.VERSION).entrySet());
    return writer;
  }

  /** A writer as an older smtptrail's: its commits do not say they hold stored rows. */
  private static IndexWriter olderWriter(Directory directory) throws IOException {
    return new IndexWriter(directory, new IndexWriterConfig().setIndexSort(EventIndex.TIME_DESCENDING));
  }

  private static List<String> keys(EventStore store) throws IOException {
    List<String> keys = new ArrayList<>();
    store.visitKeys(new MatchAllDocsQuery(), keys::add);
    return keys;
  }

  private static void add(IndexWriter writer, String key, long time, String kind) throws IOException {
    Document doc = new Document();
    doc.add(new StringField(EventSchema.KEY, key, Field.Store.YES));
    doc.add(new StringField(EventSchema.KIND, kind, Field.Store.NO));
    doc.add(new LongPoint(EventSchema.TIME, time));
    doc.add(new NumericDocValuesField(EventSchema.TIME, time));
    writer.addDocument(doc);
  }
}
