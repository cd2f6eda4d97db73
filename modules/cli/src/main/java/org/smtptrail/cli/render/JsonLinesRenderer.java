package org.smtptrail.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;
import org.smtptrail.engine.verdict.DeliveryRow;

/** JSON Lines: one object per row, fields in the contract's order. */
public final class JsonLinesRenderer implements RowRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void render(List<DeliveryRow> rows, PrintWriter out) {
    for (DeliveryRow row : rows) {
      try {
        out.println(JSON.writeValueAsString(RowFields.of(row)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write row as JSON", e);
      }
    }
  }
}
