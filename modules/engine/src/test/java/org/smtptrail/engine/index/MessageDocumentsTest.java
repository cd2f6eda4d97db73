package org.smtptrail.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Removed;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.engine.DataDirectory;

/**
 * A document holding several events of one message ({@link EventDocuments#toDocument(String, List)}): found by any
 * event's terms and times, read back whole, counted per event, and cut at a resumed read's offset.
 */
class MessageDocumentsTest {
  private static final String KEY = "postfix:mx1:3F2A81C0D2";

  @TempDir Path temp;

  private static EventHeader header(long offset, String time) {
    return new EventHeader(new SourceLine("/var/log/mail.log", offset / 100, offset, "line " + offset),
        Instant.parse(time), "mx1", "postfix", "postfix/qmgr", "3F2A81C0D2");
  }

  /** Queued at 10:00, deferred at 10:05, delivered at 11:00, removed at 11:00: offsets 100 to 400. */
  private static List<LogEvent> aDeferredMessage() {
    return List.of(
        new Queued(header(100, "2026-11-23T10:00:00Z"), "<Mary@Example.com>", 1200, 1),
        new DeliveryAttempt(header(200, "2026-11-23T10:05:00Z"), "<John@MX.Example.NET>", null,
            DeliveryStatus.DEFERRED, false, null, null, null, -1),
        new DeliveryAttempt(header(300, "2026-11-23T11:00:00Z"), "<John@MX.Example.NET>", null,
            DeliveryStatus.SENT, false, null, null, null, -1),
        new Removed(header(400, "2026-11-23T11:00:00Z"), false));
  }

  private DataDirectory indexed(List<LogEvent> events) throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    try (EventIndex index = EventIndex.openForWriting(data)) {
      index.apply(new EventDocuments("file-1").events(KEY, events));
      EventHeader noMessage = new EventHeader(new SourceLine("/var/log/mail.log", 5, 500, "garbage"),
          Instant.parse("2026-11-23T12:00:00Z"), "mx1", "postfix", null, null);
      index.apply(new EventDocuments("file-1").events(null, List.of(new Unparsed(noMessage, "a known line"))));
      index.commit();
    }
    return data;
  }

  @Test
  void oneDocumentHasEveryEventsTermsAndGivesEveryEventBack() throws IOException {
    DataDirectory data = indexed(aDeferredMessage());
    try (EventStore store = EventStore.open(data); Directory directory = FSDirectory.open(data.index());
        DirectoryReader reader = DirectoryReader.open(directory)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      assertThat(reader.numDocs()).isEqualTo(2);
      assertThat(store.eventCount()).as("events, not documents").isEqualTo(5);
      for (Term term : List.of(new Term(EventSchema.SENDER, "mary@example.com"),
          new Term(EventSchema.RECIPIENT, "john@mx.example.net"), new Term(EventSchema.KIND, "DeliveryAttempt"),
          new Term(EventSchema.KIND, "Unparsed"), new Term(EventSchema.LOCAL_ID, "3f2a81c0d2"),
          new Term(EventSchema.KEY, KEY))) {
        assertThat(searcher.count(new TermQuery(term))).as("%s", term).isEqualTo(1);
      }
      for (Term term : List.of(new Term(EventSchema.KIND, "Queued"), new Term(EventSchema.KIND, "Removed"))) {
        assertThat(searcher.count(new TermQuery(term))).as("%s: no query looks for this kind", term).isZero();
      }
      assertThat(store.eventsByKey(Set.of(KEY)).get(KEY)).containsExactlyInAnyOrderElementsOf(aDeferredMessage());
    }
  }

  @Test
  void timeRangesFindTheDocumentByAnyEventOnBothPaths() throws IOException {
    DataDirectory data = indexed(aDeferredMessage());
    try (Directory directory = FSDirectory.open(data.index());
        DirectoryReader reader = DirectoryReader.open(directory)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      long tenOFive = Instant.parse("2026-11-23T10:05:00Z").toEpochMilli();
      long eleven = Instant.parse("2026-11-23T11:00:00Z").toEpochMilli();
      IndexOrDocValuesQuery firstAttempt = (IndexOrDocValuesQuery) TimeRange.between(tenOFive - 1000, tenOFive + 1000);
      assertThat(searcher.count(firstAttempt.getIndexQuery())).as("points: an event inside").isEqualTo(1);
      assertThat(searcher.count(firstAttempt.getRandomAccessQuery()))
          .as("doc values: the message's span overlaps (its last event is an hour later)").isEqualTo(1);
      IndexOrDocValuesQuery after = (IndexOrDocValuesQuery) TimeRange.between(eleven + 1, eleven + 1000);
      assertThat(searcher.count(after.getIndexQuery())).isZero();
      assertThat(searcher.count(after.getRandomAccessQuery())).isZero();
      IndexOrDocValuesQuery since = (IndexOrDocValuesQuery) TimeRange.between(eleven, Long.MAX_VALUE);
      assertThat(searcher.count(since.getIndexQuery())).isEqualTo(2);
      assertThat(searcher.count(since.getRandomAccessQuery())).isEqualTo(2);
    }
  }

  @Test
  void aResumedReadKeepsTheEventsBeforeItsOffsetAndDeletesTheRest() throws IOException {
    DataDirectory data = indexed(aDeferredMessage());
    try (EventIndex index = EventIndex.openForWriting(data)) {
      assertThat(index.deleteFrom("file-1", 300)).containsExactly(KEY);
      assertThat(index.deleteFrom("other-file", 0)).as("another file's resume deletes nothing").isEmpty();
      index.commit();
    }
    try (EventStore store = EventStore.open(data)) {
      assertThat(store.eventCount()).as("two events of the message kept; the unparsed line at 500 deleted")
          .isEqualTo(2);
      assertThat(store.eventsByKey(Set.of(KEY)).get(KEY)).containsExactlyInAnyOrderElementsOf(
          aDeferredMessage().subList(0, 2));
    }
  }
}
