package org.smtptrail.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Writes records (field name to value, in column order) as CSV with a header line; shared by every CSV output. */
final class CsvRecords {
  private static final CsvMapper CSV = new CsvMapper();

  private CsvRecords() {}

  static void write(Collection<String> columns, List<Map<String, Object>> records, PrintWriter out) {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    columns.forEach(schema::addColumn);
    try {
      out.print(CSV.writer(schema.build()).writeValueAsString(records));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write CSV", e);
    }
  }
}
