package org.smtptrail.cli.query;

import java.util.List;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * One page of trace rows.
 *
 * @param rows the rows, newest first
 * @param more whether a next page has rows
 */
public record TracePage(List<DeliveryRow> rows, boolean more) {
  public TracePage {
    rows = List.copyOf(rows);
  }
}
