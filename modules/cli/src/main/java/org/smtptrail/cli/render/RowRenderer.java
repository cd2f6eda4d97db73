package org.smtptrail.cli.render;

import java.io.PrintWriter;
import java.util.List;
import org.smtptrail.engine.verdict.DeliveryRow;

/** Prints trace rows in one output format. */
public sealed interface RowRenderer permits TableRenderer, JsonLinesRenderer, CsvRenderer {
  void render(List<DeliveryRow> rows, PrintWriter out);

  /** The renderer of an output format; {@code evidence} applies to the table (JSON and CSV always carry it). */
  static RowRenderer of(OutputFormat format, TableRenderer.Evidence evidence) {
    return switch (format) {
      case table -> new TableRenderer(evidence);
      case json -> new JsonLinesRenderer();
      case csv -> new CsvRenderer();
    };
  }
}
