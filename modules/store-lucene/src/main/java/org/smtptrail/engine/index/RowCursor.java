package org.smtptrail.engine.index;

import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.store.RowFacts;
import org.smtptrail.engine.store.StoredRow;

/**
 * The stored row a {@link EventStore#scanRows scan} stands on, read from doc values: no stored field is decoded, so a
 * pass over millions of rows stays within a second. Valid only during the visit; group values are looked up once
 * per segment and value, not per row.
 */
final class RowCursor implements StoredRow {
  private final NumericDocValues flags;
  private final NumericDocValues attempts;
  private final NumericDocValues deferrals;
  private final NumericDocValues size;
  private final NumericDocValues received;
  private final NumericDocValues messageLastMin;
  private final SortedDocValues verdicts;
  private final SortedDocValues keys;
  private final SortedDocValues groups;
  private final Verdict[] verdictOfOrd;
  private final String[] groupOfOrd;
  private int doc;

  RowCursor(LeafReader leaf, String groupField) throws IOException {
    flags = DocValues.getNumeric(leaf, RowSchema.FLAGS);
    attempts = DocValues.getNumeric(leaf, RowSchema.ATTEMPTS);
    deferrals = DocValues.getNumeric(leaf, RowSchema.DEFERRALS);
    size = DocValues.getNumeric(leaf, RowSchema.SIZE);
    received = DocValues.getNumeric(leaf, RowSchema.RECEIVED);
    messageLastMin = DocValues.getNumeric(leaf, RowSchema.MESSAGE_LAST_MIN);
    verdicts = DocValues.getSorted(leaf, RowSchema.VERDICT);
    keys = DocValues.getSorted(leaf, RowSchema.KEY);
    verdictOfOrd = new Verdict[verdicts.getValueCount()];
    for (int ord = 0; ord < verdictOfOrd.length; ord++) {
      verdictOfOrd[ord] = Verdict.valueOf(verdicts.lookupOrd(ord).utf8ToString());
    }
    groups = groupField == null ? null : DocValues.getSorted(leaf, groupField);
    groupOfOrd = groups == null ? null : new String[groups.getValueCount()];
  }

  /** Moves to a row (doc ids only grow within a segment, as doc values require). */
  void moveTo(int doc) {
    this.doc = doc;
  }

  @Override
  public Verdict verdict() throws IOException {
    return verdicts.advanceExact(doc) ? verdictOfOrd[verdicts.ordValue()] : Verdict.UNKNOWN;
  }

  @Override
  public int flags() throws IOException {
    return flags.advanceExact(doc) ? (int) flags.longValue() : 0;
  }

  @Override
  public int attempts() throws IOException {
    return attempts.advanceExact(doc) ? (int) attempts.longValue() : 0;
  }

  @Override
  public long deferrals() throws IOException {
    return deferrals.advanceExact(doc) ? deferrals.longValue() : 0;
  }

  @Override
  public long size() throws IOException {
    return size.advanceExact(doc) ? size.longValue() : -1;
  }

  @Override
  public int received() throws IOException {
    return received.advanceExact(doc) ? (int) received.longValue() : 0;
  }

  @Override
  public long messageLastMin() throws IOException {
    return messageLastMin.advanceExact(doc) ? messageLastMin.longValue() : Long.MIN_VALUE;
  }

  /** The message key. */
  @Override
  public String key() throws IOException {
    return keys.advanceExact(doc) ? keys.lookupOrd(keys.ordValue()).utf8ToString() : null;
  }

  /** The value of the group field the scan was asked for ({@link RowFacts#NONE} when absent). */
  @Override
  public String group() throws IOException {
    if (groups == null || !groups.advanceExact(doc)) {
      return RowFacts.NONE;
    }
    int ord = groups.ordValue();
    String value = groupOfOrd[ord];
    if (value == null) {
      value = groups.lookupOrd(ord).utf8ToString();
      groupOfOrd[ord] = value;
    }
    return value;
  }
}
