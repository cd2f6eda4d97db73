package org.smtptrail.engine.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One place logs come from (a file, a folder, or the files a glob pattern matches) and how to read them: a
 * {@code smtptrail.yaml} source, or the PATH arguments of {@code index} and {@code tail}.
 *
 * @param path    a file or folder; for a glob, the folder its pattern is relative to
 * @param glob    a glob pattern ({@code *} within a name, {@code **} across folders, {@code ?}, {@code [..]},
 *                {@code {a,b}}), relative to {@code path} unless it starts with {@code /}; null for a plain path
 * @param options format, zone and host label of this source's files
 */
public record LogSource(Path path, String glob, IngestOptions options) {
  public LogSource {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
  }

  /** A file or folder, read with these options. */
  public static LogSource of(Path path, IngestOptions options) {
    return new LogSource(path, null, options);
  }

  /** The files a glob pattern matches (relative to {@code folder} unless absolute), read with these options. */
  public static LogSource glob(Path folder, String pattern, IngestOptions options) {
    return new LogSource(folder, Objects.requireNonNull(pattern, "pattern"), options);
  }

  /** How the source is named in messages: the path, or the pattern. */
  public String describe() {
    if (glob == null) {
      return path.toString();
    }
    return glob.startsWith("/") ? glob : path + "/" + glob;
  }

  /** Each of these files and folders as a source, all read with the same options (the command line's PATHs). */
  public static List<LogSource> all(List<Path> paths, IngestOptions options) {
    return paths.stream().map(path -> of(path, options)).toList();
  }
}
