package org.smtptrail.engine.index;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.Query;

/** Queries on the events' time ({@link EventSchema#TIME}). */
public final class TimeRange {
  private TimeRange() {}

  /**
   * Events from {@code fromMillis} to {@code toMillis}, both included. Next to a selective clause (one recipient), the
   * range is checked on that clause's few documents through doc values; alone, it is read from the points. A bare
   * point range builds a bit set of every event in the range, once per query: a journey look-up per row over a busy
   * ten-minute window made a broad {@code trace} take minutes.
   */
  public static Query between(long fromMillis, long toMillis) {
    return new IndexOrDocValuesQuery(LongPoint.newRangeQuery(EventSchema.TIME, fromMillis, toMillis),
        NumericDocValuesField.newSlowRangeQuery(EventSchema.TIME, fromMillis, toMillis));
  }
}
