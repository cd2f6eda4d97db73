package org.smtptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
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

  /** Standard output read as JSON Lines ({@code --format json}), blank lines skipped. */
  List<JsonNode> jsonLines() {
    return ExpectedRows.jsonLines(out);
  }
}
