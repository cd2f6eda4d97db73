package org.smtptrail.engine.index;

import java.io.IOException;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * The message keys of every event matching a query, newest event first, streamed: no page of hits is collected and
 * sorted. Every segment is already sorted newest first (the index sort, {@link EventIndex#TIME_DESCENDING}), so a
 * merge of one cursor per segment gives the global order, in time linear in the hits. Paging with {@code searchAfter}
 * instead re-reads every hit before the page each time, which made a broad query ({@code trace --status UNKNOWN} over
 * 13 M events) quadratic. Events and stored rows share the time field, so this serves both.
 */
final class NewestFirstHits {
  private final PriorityQueue<SegmentCursor> cursors =
      new PriorityQueue<>(Comparator.comparingLong((SegmentCursor c) -> c.time).reversed());

  /**
   * The hits of {@code query}; {@code keyField} names each hit's message: read from its sorted doc values where the
   * segment has them, else from the stored field.
   */
  NewestFirstHits(IndexSearcher searcher, Query query, String keyField) throws IOException {
    Set<String> keyOnly = Set.of(keyField);
    IndexReader reader = searcher.getIndexReader();
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : reader.leaves()) {
      if (!EventIndex.TIME_DESCENDING.equals(leaf.reader().getMetaData().sort())) {
        throw new IllegalStateException("index segment " + leaf.ord + " is not sorted by time, newest first");
      }
      Scorer scorer = weight.scorer(leaf);
      if (scorer != null) {
        SegmentCursor cursor = new SegmentCursor(leaf, scorer.iterator(), keyField, keyOnly);
        if (cursor.advance()) {
          cursors.add(cursor);
        }
      }
    }
  }

  /** The key of the next newest matching event, or null when there is none left. */
  String nextKey() throws IOException {
    while (!cursors.isEmpty()) {
      SegmentCursor newest = cursors.poll();
      String key = newest.key();
      if (newest.advance()) {
        cursors.add(newest);
      }
      if (key != null) {
        return key;
      }
    }
    return null;
  }

  /** One segment's matching live documents, in the segment's own (newest first) order. */
  private static final class SegmentCursor {
    private final StoredFields fields;
    /** The keys as sorted doc values (stored rows have them): no stored-fields block to decompress per hit. */
    private final SortedDocValues keys;
    private final String keyField;
    private final Set<String> keyOnly;
    private final DocIdSetIterator matches;
    private final NumericDocValues times;
    private final Bits live;
    int doc = -1;
    long time;

    SegmentCursor(LeafReaderContext leaf, DocIdSetIterator matches, String keyField, Set<String> keyOnly)
        throws IOException {
      FieldInfo keyInfo = leaf.reader().getFieldInfos().fieldInfo(keyField);
      this.keys = keyInfo != null && keyInfo.getDocValuesType() == DocValuesType.SORTED
          ? leaf.reader().getSortedDocValues(keyField) : null;
      this.fields = keys == null ? leaf.reader().storedFields() : null;
      this.keyField = keyField;
      this.keyOnly = keyOnly;
      this.matches = matches;
      this.times = DocValues.getNumeric(leaf.reader(), EventSchema.TIME);
      this.live = leaf.reader().getLiveDocs(); // a Weight's scorer does not skip deleted documents itself
    }

    /** The key of the current match, or null when it has none. */
    String key() throws IOException {
      if (keys == null) {
        return fields.document(doc, keyOnly).get(keyField);
      }
      return keys.advanceExact(doc) ? keys.lookupOrd(keys.ordValue()).utf8ToString() : null;
    }

    /** Moves to the next live match; false at the end. */
    boolean advance() throws IOException {
      do {
        doc = matches.nextDoc();
        if (doc == DocIdSetIterator.NO_MORE_DOCS) {
          return false;
        }
      } while (live != null && !live.get(doc));
      time = times.advanceExact(doc) ? times.longValue() : Long.MIN_VALUE;
      return true;
    }
  }
}
