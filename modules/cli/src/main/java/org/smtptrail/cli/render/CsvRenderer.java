package org.smtptrail.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * CSV with a header, the JSON fields as columns; evidence becomes "file:line" positions joined by '|', hops
 * "host key VERDICT" per server joined by " > ".
 */
public final class CsvRenderer implements RowRenderer {
  @Override
  public void render(List<DeliveryRow> rows, PrintWriter out) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (DeliveryRow row : rows) {
      Map<String, Object> fields = new LinkedHashMap<>(RowFields.of(row));
      List<String> positions = new ArrayList<>();
      row.evidence().forEach(e -> positions.add(e.file() + ":" + e.line()));
      fields.put("evidence", String.join("|", positions));
      fields.put("hops", RowFields.hopsLine(row));
      records.add(fields);
    }
    CsvRecords.write(RowFields.of(emptyRowLike(rows)).keySet(), records, out);
  }

  /** Any row gives the column names; with no rows, a blank one does. */
  private static DeliveryRow emptyRowLike(List<DeliveryRow> rows) {
    return rows.isEmpty()
        ? new DeliveryRow(null, null, null, null, null, org.smtptrail.core.verdict.Verdict.UNKNOWN, null, null, null,
            null, null, 0, null, null, null, null, null, null, null, null, List.of(), null)
        : rows.get(0);
  }
}
