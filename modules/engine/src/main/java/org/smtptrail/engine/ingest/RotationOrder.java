package org.smtptrail.engine.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders files so that each rotated set is read oldest to newest, which correlation needs: {@code mail.log.2.gz},
 * {@code mail.log.1}, {@code mail.log}; {@code maillog-20261121.gz}, {@code maillog-20261122}, {@code maillog}. Names
 * decide, not modification times, because copies (a git clone, rsync without -t) lose those.
 */
final class RotationOrder {
  /** "name.3", "name.3.gz" or "name.3.zip": higher numbers are older. */
  private static final Pattern NUMBERED = Pattern.compile("(.+?)\\.(\\d{1,4})(\\.gz|\\.zip)?");
  /**
   * "name-20261122", "name.20261122-091500.gz", "name.2026-11-22.zip", "name-20261122-1795327200" (logrotate's
   * {@code dateformat -%Y%m%d-%s}, for several rotations a day): earlier dates are older.
   */
  private static final Pattern DATED =
      Pattern.compile("(.+?)[-._](\\d{4}-?\\d{2}-?\\d{2}(?:[-_T]?\\d{2,10})?)(\\.gz|\\.zip)?");
  private static final Pattern COMPRESSED = Pattern.compile("(.+?)\\.(?:gz|zip)");

  /** Where a file stands in its set. */
  record Position(String set, int kind, String rank) {}

  private RotationOrder() {}

  /** The files in reading order: sets by name, each oldest first. */
  static List<Path> sort(List<Path> files) {
    List<Path> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing((Path p) -> position(p).set())
        .thenComparing(p -> position(p).kind())
        .thenComparing(p -> position(p).rank())
        .thenComparing(Path::toString));
    return sorted;
  }

  /**
   * The set a file belongs to (its folder and base name) and its rank: dated pieces first by date, then numbered
   * pieces from the highest number down, then a compressed unnumbered piece, then the live file.
   */
  static Position position(Path file) {
    String folder = file.getParent() == null ? "" : file.getParent().toString() + "/";
    String name = file.getFileName().toString();
    Matcher dated = DATED.matcher(name);
    if (dated.matches()) {
      return new Position(folder + dated.group(1), 0, dated.group(2).replaceAll("\\D", ""));
    }
    Matcher numbered = NUMBERED.matcher(name);
    if (numbered.matches()) {
      return new Position(folder + numbered.group(1), 1, String.format("%05d", 99_999 - Integer.parseInt(numbered.group(2))));
    }
    Matcher compressed = COMPRESSED.matcher(name);
    if (compressed.matches()) {
      return new Position(folder + compressed.group(1), 2, "");
    }
    return new Position(folder + name, 3, "");
  }
}
