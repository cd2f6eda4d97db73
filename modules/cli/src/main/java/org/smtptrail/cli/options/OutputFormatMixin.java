package org.smtptrail.cli.options;

import picocli.CommandLine.Option;

/** {@code --format table|json|csv}. */
public final class OutputFormatMixin {
  /** The output formats. */
  public enum OutputFormat {
    table,
    json,
    csv
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output: ${COMPLETION-CANDIDATES} (json = JSON Lines, one object per row). Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  public OutputFormat format() {
    return format;
  }
}
