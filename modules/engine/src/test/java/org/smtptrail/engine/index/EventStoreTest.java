package org.smtptrail.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.DataDirectory;

/** {@link EventStore#visitKeys}: keys by their newest event across segments, deleted events left out. */
class EventStoreTest {
  @TempDir Path temp;

  @Test
  void keysComeByTheirNewestLiveEventAcrossSegments() throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("data")).create();
    try (Directory directory = FSDirectory.open(data.index());
        IndexWriter writer = new IndexWriter(directory,
            new IndexWriterConfig().setIndexSort(EventIndex.TIME_DESCENDING))) {
      // one commit per segment; times interleave across segments
      add(writer, "a", 10);
      add(writer, "b", 40);
      writer.commit();
      add(writer, "c", 30);
      add(writer, "a", 50);
      writer.commit();
      add(writer, "d", 20);
      add(writer, "gone", 60);
      writer.commit();
      writer.deleteDocuments(new Term(EventSchema.KEY, "gone")); // as a resumed read deletes lines it reads again
      writer.commit();
    }
    try (EventStore store = EventStore.open(data)) {
      assertThat(keys(store, 10)).containsExactly("a", "b", "c", "d");
      assertThat(keys(store, 2)).as("stops when the visitor says so").containsExactly("a", "b");
      List<String> ofC = new ArrayList<>();
      store.visitKeys(new TermQuery(new Term(EventSchema.KEY, "c")), ofC::add);
      assertThat(ofC).containsExactly("c");
    }
  }

  private static List<String> keys(EventStore store, int wanted) throws IOException {
    List<String> keys = new ArrayList<>();
    store.visitKeys(new MatchAllDocsQuery(), key -> {
      keys.add(key);
      return keys.size() < wanted;
    });
    return keys;
  }

  private static void add(IndexWriter writer, String key, long time) throws IOException {
    Document doc = new Document();
    doc.add(new StringField(EventSchema.KEY, key, Field.Store.YES));
    doc.add(new LongPoint(EventSchema.TIME, time));
    doc.add(new NumericDocValuesField(EventSchema.TIME, time));
    writer.addDocument(doc);
  }
}
