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

  public DataDirectory dataDirectory() {
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
