package org.smtptrail.engine.store;

import java.io.IOException;
import org.smtptrail.core.verdict.Verdict;

/**
 * The figures of one stored row that a scan stands on ({@link StoreReader#scanRows}), as {@link RowFacts} wrote them:
 * what {@code stats} counts without reading a message's events. Valid only during the visit (a store may reuse one
 * instance for every row).
 */
public interface StoredRow {
  /** The message key. */
  String key() throws IOException;

  /** The row's own verdict. */
  Verdict verdict() throws IOException;

  /** {@link RowFacts#flags()}. */
  int flags() throws IOException;

  int attempts() throws IOException;

  long deferrals() throws IOException;

  /** The message's size in bytes, -1 when not logged. */
  long size() throws IOException;

  /** The message's "received" events. */
  int received() throws IOException;

  /** {@link RowFacts#messageLastMin()}: {@link Long#MIN_VALUE} when no row has a time. */
  long messageLastMin() throws IOException;

  /** The value of the group the scan was asked for; {@link RowFacts#NONE} when the row lacks it or none was asked. */
  String group() throws IOException;
}
