package org.smtptrail.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes records (field name to value, in column order) as CSV with a header line; shared by every CSV output, the
 * CLI's and the server's, so every one of them is safe to open in a spreadsheet.
 *
 * <p>Log text is written by strangers: a sender {@code =cmd|'/c calc'!A1@evil.example} or a reply
 * {@code 550 =HYPERLINK(...)} would be a formula in Excel or LibreOffice. A text cell that starts with
 * {@code = + - @}, a tab or a carriage return gets a leading {@code '} (OWASP's rule for CSV injection), which a
 * spreadsheet shows as text; numbers are numbers and stay as they are. The JSON output is the one to parse exactly.
 */
final class CsvRecords {
  private static final CsvMapper CSV = new CsvMapper();
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private CsvRecords() {}

  static void write(Collection<String> columns, List<Map<String, Object>> records, PrintWriter out) {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    columns.forEach(schema::addColumn);
    List<Map<String, Object>> safe = new ArrayList<>(records.size());
    for (Map<String, Object> record : records) {
      Map<String, Object> cells = new LinkedHashMap<>(record);
      cells.replaceAll((column, value) -> value instanceof String text ? neutralized(text) : value);
      safe.add(cells);
    }
    try {
      out.print(CSV.writer(schema.build()).writeValueAsString(safe));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write CSV", e);
    }
  }

  /** The text as a spreadsheet shows it and never runs it. */
  static String neutralized(String text) {
    return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }
}
