package org.smtptrail.engine.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files a glob pattern matches now. Only the folder before the first segment with a wildcard is walked, and
 * only as deep as the pattern reaches (unless it has {@code **}), so {@code /var/log/mail.log*} lists one folder.
 * Hidden files match only a pattern that names them with a leading dot.
 */
final class GlobFiles {
  private static final String WILDCARDS = "*?[{";

  private GlobFiles() {}

  /** The regular files the glob of a source matches, absolute and sorted by name; none if its folder is missing. */
  static List<Path> matching(Path folder, String glob) throws IOException {
    String pattern = glob;
    Path root = folder.toAbsolutePath();
    if (pattern.startsWith("/")) {
      root = root.getRoot();
      pattern = pattern.substring(1);
    }
    String[] segments = pattern.split("/");
    int literal = 0;
    while (literal < segments.length - 1 && !hasWildcard(segments[literal])) {
      root = root.resolve(segments[literal]);
      literal++;
    }
    String rest = String.join("/", java.util.Arrays.copyOfRange(segments, literal, segments.length));
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    int depth = rest.contains("**") ? Integer.MAX_VALUE : segments.length - literal;
    boolean hidden = rest.startsWith(".") || rest.contains("/.");
    Path base = root.normalize();
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(base)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(base, depth)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> hidden || !p.getFileName().toString().startsWith("."))
          .filter(p -> matcher.matches(base.relativize(p)))
          .sorted()
          .forEach(files::add);
    } catch (NoSuchFileException | UncheckedIOException gone) {
      // the folder or a file went away while it was listed: what is there next time counts
    }
    return files;
  }

  private static boolean hasWildcard(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      if (WILDCARDS.indexOf(segment.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
