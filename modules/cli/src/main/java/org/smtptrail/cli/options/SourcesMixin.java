package org.smtptrail.cli.options;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.smtptrail.cli.config.ConfigFile;
import org.smtptrail.cli.config.ConfiguredStore;
import org.smtptrail.core.LogFormats;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.LogSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the logs are and how to read them, for {@code index} and {@code tail}: {@code --config FILE} (the sources
 * of a {@code smtptrail.yaml}) and the command's PATH arguments, with {@code --format}, {@code --timezone} and
 * {@code --host}, which apply to the PATHs and to every configured source that does not set its own.
 */
public final class SourcesMixin {
  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Sources from this smtptrail.yaml (each with path or glob, format, host, timezone); not read"
          + " unless given.")
  Path config;

  @Option(names = "--format", paramLabel = "NAME", description = "Read every file as this format (see 'formats').")
  String format;

  @Option(names = "--timezone", paramLabel = "ZONE",
      description = "Zone of timestamps without one (default: this machine's, ${sys:user.timezone}).")
  String timezone;

  @Option(names = "--host", paramLabel = "NAME", description = "Host name for lines that carry none.")
  String host;

  /** The configuration file as read by {@link #sources}, or null without {@code --config}. */
  private ConfigFile.Configuration configuration;

  /** The configured sources, then the PATHs; a usage error when there are neither. */
  public List<LogSource> sources(List<Path> paths) throws IOException {
    if (format != null) {
      LogFormats.forName(format); // fail early, listing the installed formats
    }
    ZoneId zone = timezone == null || timezone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(timezone);
    IngestOptions options = new IngestOptions(format, zone, host);
    List<LogSource> sources = new ArrayList<>();
    if (config != null) {
      configuration = ConfigFile.configuration(config, options);
      sources.addAll(configuration.sources());
    }
    if (paths != null) {
      sources.addAll(LogSource.all(paths, options));
    }
    if (sources.isEmpty()) {
      throw new ParameterException(command.commandLine(), "expected PATH... or --config FILE: nothing to read");
    }
    return sources;
  }

  /** The store the configuration file {@link #sources} read names ({@link ConfiguredStore#NONE} when none). */
  public ConfiguredStore configuredStore() {
    return configuration == null ? ConfiguredStore.NONE : configuration.store();
  }
}
