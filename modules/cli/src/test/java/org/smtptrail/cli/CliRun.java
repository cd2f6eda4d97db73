package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;

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

  /**
   * Runs a command twice, with the arguments that point it at the reference answers and with those of the answers
   * under test: the same errors, the same output and the same exit code (asserted, named by the command).
   *
   * @return the run under test
   */
  static CliRun assertSameAs(String[] command, List<String> reference, List<String> underTest) {
    CliRun expected = of(Stream.concat(Stream.of(command), reference.stream()).toArray(String[]::new));
    CliRun actual = of(Stream.concat(Stream.of(command), underTest.stream()).toArray(String[]::new));
    String name = String.join(" ", command);
    assertThat(actual.err()).as(name).isEqualTo(expected.err());
    assertThat(actual.out()).as(name).isEqualTo(expected.out());
    assertThat(actual.exitCode()).as(name).isEqualTo(expected.exitCode());
    return actual;
  }

  /** Standard output read as JSON Lines ({@code --format json}), blank lines skipped. */
  List<JsonNode> jsonLines() {
    return ExpectedRows.jsonLines(out);
  }
}
