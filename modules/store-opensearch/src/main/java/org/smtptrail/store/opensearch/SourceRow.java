package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.store.RowFacts;
import org.smtptrail.engine.store.StoredRow;

/**
 * The stored row a scan stands on, read from the figures of its source (the scan asks for those fields only, never
 * the addresses): one instance moved from hit to hit, valid during a visit, as the contract allows.
 */
final class SourceRow implements StoredRow {
  /** The fields a scan reads, besides the group's. */
  static final List<String> FIELDS = List.of(RowFields.KEY, RowFields.VERDICT, RowFields.FLAGS, RowFields.ATTEMPTS,
      RowFields.DEFERRALS, RowFields.SIZE, RowFields.RECEIVED, RowFields.MESSAGE_LAST_MIN);

  private final String groupField;
  private JsonNode source;

  /** @param groupField the field of the group asked for, or null */
  SourceRow(String groupField) {
    this.groupField = groupField;
  }

  void moveTo(JsonNode source) {
    this.source = source;
  }

  @Override
  public String key() {
    return OpenSearchReader.text(source, RowFields.KEY);
  }

  @Override
  public Verdict verdict() {
    String name = OpenSearchReader.text(source, RowFields.VERDICT);
    try {
      return name == null ? Verdict.UNKNOWN : Verdict.valueOf(name);
    } catch (IllegalArgumentException newer) {
      return Verdict.UNKNOWN; // a verdict a newer version wrote: counted as undecided rather than failing the scan
    }
  }

  @Override
  public int flags() {
    return (int) number(RowFields.FLAGS, 0);
  }

  @Override
  public int attempts() {
    return (int) number(RowFields.ATTEMPTS, 0);
  }

  @Override
  public long deferrals() {
    return number(RowFields.DEFERRALS, 0);
  }

  @Override
  public long size() {
    return number(RowFields.SIZE, -1);
  }

  @Override
  public int received() {
    return (int) number(RowFields.RECEIVED, 0);
  }

  @Override
  public long messageLastMin() {
    return number(RowFields.MESSAGE_LAST_MIN, Long.MIN_VALUE);
  }

  @Override
  public String group() {
    if (groupField == null) {
      return RowFacts.NONE;
    }
    String value = OpenSearchReader.text(source, groupField);
    return value == null ? RowFacts.NONE : value;
  }

  private long number(String field, long absent) {
    JsonNode value = source.get(field);
    return value == null || !value.canConvertToLong() ? absent : value.asLong();
  }
}
