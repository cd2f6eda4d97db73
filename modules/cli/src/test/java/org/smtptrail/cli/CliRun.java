package org.smtptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process run of the CLI: its exit code and what it printed.
 *
 * @param exitCode the code {@link Main#run} returned
 * @param out      standard output
 * @param err      standard error
 */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** JSON Lines text (trace's output, expected.jsonl) as one node per non-blank line. */
  static List<JsonNode> jsonLines(String text) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }
}
