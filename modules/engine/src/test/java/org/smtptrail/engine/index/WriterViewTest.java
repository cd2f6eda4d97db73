package org.smtptrail.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WriterView}'s hand-shake between readers and the writing thread: a request is answered only by a refresh
 * after a round that started after it; the writer's sleep ends when a reader asks; a closed view lets its waiters go.
 * Threads wait on each other, never on the clock, except where a wait must end unanswered.
 */
class WriterViewTest {
  /** Each task on a thread of its own: the common pool may have a single thread here (2 cores), and they wait. */
  private static final Executor OWN_THREAD = task -> Thread.ofPlatform().daemon().start(task);

  @TempDir Path temp;

  @Test
  void aRefreshShowsWhatWasAddedWithoutACommit() throws Exception {
    try (Directory directory = FSDirectory.open(temp); IndexWriter writer = new IndexWriter(directory,
        new IndexWriterConfig()); WriterView view = new WriterView(writer)) {
      add(writer, "a");
      long round = view.asked();
      view.refresh(round, true);
      DirectoryReader reader = view.acquire();
      try {
        assertThat(reader.numDocs()).isEqualTo(1);
      } finally {
        view.release(reader);
      }
      assertThat(DirectoryReader.indexExists(directory)).as("nothing committed").isFalse();
    }
  }

  @Test
  void aRequestIsAnsweredOnlyByARoundThatStartedAfterIt() throws Exception {
    try (Directory directory = FSDirectory.open(temp); IndexWriter writer = new IndexWriter(directory,
        new IndexWriterConfig()); WriterView view = new WriterView(writer)) {
      long before = view.asked(); // a round under way when the request comes
      CompletableFuture<Boolean> request =
          CompletableFuture.supplyAsync(() -> await(view, Duration.ofSeconds(60)), OWN_THREAD);
      while (!view.waiting(view.asked())) {
        Thread.onSpinWait(); // until the request is made
      }
      view.refresh(before, true);
      assertThat(request).as("the round under way may have read before the request's line was written")
          .isNotDone();
      view.refresh(view.asked(), false);
      assertThat(request.get(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void anUnansweredRequestEndsAfterItsWaitAndAClosedViewLetsWaitersGo() throws Exception {
    try (Directory directory = FSDirectory.open(temp); IndexWriter writer = new IndexWriter(directory,
        new IndexWriterConfig())) {
      WriterView view = new WriterView(writer);
      assertThat(view.awaitFresh(Duration.ofMillis(20))).isFalse();
      CompletableFuture<Boolean> request =
          CompletableFuture.supplyAsync(() -> await(view, Duration.ofSeconds(60)), OWN_THREAD);
      while (!view.waiting(view.asked())) {
        Thread.onSpinWait();
      }
      view.close();
      assertThat(request.get(30, TimeUnit.SECONDS)).isFalse();
      assertThat(view.closed()).isTrue();
      assertThat(view.acquire()).as("the writer is gone: readers fall back to its commits").isNull();
    }
  }

  @Test
  void theWritersSleepEndsWhenAReaderAsks() throws Exception {
    try (Directory directory = FSDirectory.open(temp); IndexWriter writer = new IndexWriter(directory,
        new IndexWriterConfig()); WriterView view = new WriterView(writer)) {
      long round = view.asked();
      CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
        try {
          view.sleep(round, Duration.ofMinutes(10).toNanos());
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }, OWN_THREAD);
      CompletableFuture.runAsync(() -> await(view, Duration.ofSeconds(60)), OWN_THREAD);
      sleeping.get(30, TimeUnit.SECONDS);
      assertThat(view.waiting(view.asked())).isTrue();
    }
  }

  private static boolean await(WriterView view, Duration max) {
    try {
      return view.awaitFresh(max);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void add(IndexWriter writer, String key) throws Exception {
    Document document = new Document();
    document.add(new StringField(EventSchema.KEY, key, Field.Store.YES));
    writer.addDocument(document);
  }
}
