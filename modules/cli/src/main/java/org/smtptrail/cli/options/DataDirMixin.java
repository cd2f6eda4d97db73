package org.smtptrail.cli.options;

import java.nio.file.Path;
import org.smtptrail.engine.DataDirectory;
import picocli.CommandLine.Option;

/** {@code --data DIR}: where the index lives; default $SMTPTRAIL_DATA, else ~/.local/share/smtptrail. */
public final class DataDirMixin {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data folder (index and state). Default: $SMTPTRAIL_DATA, else ~/.local/share/smtptrail.")
  Path data;

  /**
   * The data folder.
   *
   * @throws IllegalArgumentException for an empty {@code --data} (a script's unset variable): it would be the current
   *                                  folder, which smtptrail would fill with an index and make owner-only
   */
  public DataDirectory dataDirectory() {
    if (data != null && data.toString().isBlank()) {
      throw new IllegalArgumentException("--data is empty: expected a folder (is a variable in the command unset?)");
    }
    if (data != null) {
      return new DataDirectory(data.toAbsolutePath());
    }
    String fromEnvironment = System.getenv("SMTPTRAIL_DATA");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new DataDirectory(Path.of(fromEnvironment).toAbsolutePath());
    }
    return new DataDirectory(Path.of(System.getProperty("user.home"), ".local", "share", "smtptrail"));
  }
}
