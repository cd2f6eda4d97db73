package org.smtptrail.store.opensearch;

import java.time.YearMonth;
import java.util.List;

/**
 * One month of the store past its retention limit ({@link OpenSearchStore#prune}): its indices (events and rows),
 * dropped whole, with what they held.
 *
 * @param month     the month (UTC) the indices hold
 * @param indices   the month's indices, events then rows
 * @param documents the documents they held
 * @param bytes     the bytes they took on the cluster's disks, replicas included
 */
public record PrunedMonth(YearMonth month, List<String> indices, long documents, long bytes) {
  public PrunedMonth {
    indices = List.copyOf(indices);
  }
}
