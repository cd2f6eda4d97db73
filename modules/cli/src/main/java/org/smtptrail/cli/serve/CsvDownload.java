package org.smtptrail.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.smtptrail.cli.render.CsvRenderer;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * The CSV download of a whole search: a first line naming the filters (so a file found later in a ticket says what
 * it holds, and whether it holds only the newest rows), then exactly what {@code trace --format csv} prints, the
 * same cells neutralised. The answer is written
 * a chunk of rows at a time, with no length announced, so the text of every row is never in memory at once.
 */
final class CsvDownload {
  static final String CONTENT_TYPE = "text/csv; charset=utf-8";
  /** Rows rendered at a time. */
  private static final int CHUNK = 500;

  private CsvDownload() {}

  /**
   * The first line: one quoted cell naming the filters as the command that lists the same rows,
   * "# smtptrail trace --to john@example.net --since 2026-11-22" ("# smtptrail trace" alone: every row), and when
   * the search had more rows than the file holds ({@code heldOnly} above 0), that it holds only the newest ones.
   */
  static String filtersLine(Map<String, String> filters, int heldOnly) {
    StringBuilder line = new StringBuilder("# smtptrail trace");
    filters.forEach((name, value) -> line.append(" --").append(name.replace('_', '-')).append(' ').append(value));
    if (heldOnly > 0) {
      line.append(" (only the newest ").append(heldOnly).append(" rows: the search has more; narrow it, or run this"
          + " command with --format csv --limit 0)");
    }
    // a value from the request stays in this one cell: no line break may start a row, quotes are doubled
    String cell = line.toString().replaceAll("\\p{Cntrl}", " ").replace("\"", "\"\"");
    return "\"" + cell + "\"\n";
  }

  static void send(HttpExchange exchange, String filtersLine, List<DeliveryRow> rows, boolean gzip)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"smtptrail-trace.csv\"");
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      exchange.getResponseHeaders().add("Vary", "Accept-Encoding");
    }
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(200, 0); // chunked
    try (OutputStream body = exchange.getResponseBody();
        Writer out = new OutputStreamWriter(gzip ? new GZIPOutputStream(body) : body, StandardCharsets.UTF_8)) {
      out.write(filtersLine);
      int from = 0;
      do {
        List<DeliveryRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
        StringWriter text = new StringWriter();
        try (PrintWriter csv = new PrintWriter(text)) {
          new CsvRenderer().render(chunk, csv);
        }
        String rendered = text.toString();
        // every chunk is rendered with the column names; only the first keeps them
        out.write(from == 0 ? rendered : rendered.substring(rendered.indexOf('\n') + 1));
        from += CHUNK;
      } while (from < rows.size());
    }
    exchange.close();
  }
}
