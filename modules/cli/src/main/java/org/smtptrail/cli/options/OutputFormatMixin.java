package org.smtptrail.cli.options;

import org.smtptrail.cli.render.OutputFormat;
import picocli.CommandLine.Option;

/** {@code --format table|json|csv}. */
public final class OutputFormatMixin {
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
