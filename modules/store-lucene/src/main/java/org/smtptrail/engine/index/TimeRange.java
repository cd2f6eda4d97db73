package org.smtptrail.engine.index;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.Query;

/** Queries on the events' time ({@link EventSchema#TIME}). */
public final class TimeRange {
  private TimeRange() {}

  /**
   * Documents with an event from {@code fromMillis} to {@code toMillis}, both included. Next to a selective clause
   * (one recipient), the range is checked on that clause's few documents through doc values; alone, it is read from
   * the points. A bare point range builds a bit set of every event in the range, once per query: a journey look-up
   * per row over a busy ten-minute window made a broad {@code trace} take minutes.
   *
   * <p>The doc values hold a document's first and last event time only, so for a document of several events they
   * match when its time span overlaps the range, which may have no event inside: a query on events finds candidate
   * messages, and every caller checks its candidates' events anyway.
   */
  public static Query between(long fromMillis, long toMillis) {
    Query lastInRange = NumericDocValuesField.newSlowRangeQuery(EventSchema.TIME, fromMillis, toMillis);
    Query docValues = lastInRange;
    if (toMillis != Long.MAX_VALUE) { // up to the end of time, "last in range" is all of "overlaps"
      Query spanOverlaps = new BooleanQuery.Builder()
          .add(NumericDocValuesField.newSlowRangeQuery(EventSchema.TIME, fromMillis, Long.MAX_VALUE), Occur.FILTER)
          .add(NumericDocValuesField.newSlowRangeQuery(EventSchema.FIRST_TIME, Long.MIN_VALUE, toMillis),
              Occur.FILTER)
          .build();
      docValues = new BooleanQuery.Builder()
          .add(lastInRange, Occur.SHOULD)
          .add(spanOverlaps, Occur.SHOULD)
          .build();
    }
    return new IndexOrDocValuesQuery(LongPoint.newRangeQuery(EventSchema.TIME, fromMillis, toMillis), docValues);
  }
}
