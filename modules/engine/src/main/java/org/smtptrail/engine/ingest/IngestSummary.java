package org.smtptrail.engine.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * What an ingest run did.
 *
 * @param filesRead        files that had new lines
 * @param filesUnchanged   files already indexed to their end (by content, whatever their name)
 * @param filesSkipped     files not read, each with the reason
 * @param lines            lines read
 * @param events           events written to the index
 * @param skippedLines     well-formed lines with nothing to say about delivery (other programs, warnings)
 * @param unparsedLines    lines that could not be read; indexed as raw evidence
 * @param unparsedExamples the first few unparsed lines as "file:line: expected ..."
 * @param unparsedPerFile  per file with unparsed lines: how many, and the first few line numbers
 * @param probes           address-verification probe answers read (Postfix status=deliverable/undeliverable): events,
 *                         kept as evidence, but no delivery and no row
 * @param seconds          wall-clock duration
 * @param interrupted      stopped before the end (Ctrl-C); what was read is committed, a re-run goes on from there
 */
public record IngestSummary(
    int filesRead,
    int filesUnchanged,
    List<SkippedFile> filesSkipped,
    long lines,
    long events,
    long skippedLines,
    long unparsedLines,
    List<String> unparsedExamples,
    List<UnparsedInFile> unparsedPerFile,
    long probes,
    double seconds,
    boolean interrupted) {

  /** Files that could not be read (or only in part): what {@code --strict} counts besides unparsed lines. */
  public List<SkippedFile> unreadableFiles() {
    return filesSkipped.stream().filter(SkippedFile::unreadable).toList();
  }

  /**
   * A file that was not read.
   *
   * @param file   the path
   * @param reason why, in words a user can act on
   */
  public record SkippedFile(String file, String reason) {
    /** The start of the reason for a file that could not be opened or read. */
    public static final String UNREADABLE = "unreadable: ";
    /** The start of the reason for a file read only in part (a truncated or corrupt .gz, a read error). */
    public static final String DAMAGED = "read up to byte ";

    /** True when the file was meant to be read but could not be (wholly): not for empty files or other formats. */
    public boolean unreadable() {
      return reason.startsWith(UNREADABLE) || reason.startsWith(DAMAGED) || reason.equals(NO_SUCH_PATH);
    }
  }

  /** The reason for a path that does not exist. */
  public static final String NO_SUCH_PATH = "no such file or folder";

  /**
   * Unparsed lines of one file.
   *
   * @param file        the file
   * @param count       how many lines could not be read
   * @param firstLines  the numbers of the first few (at most {@link #FIRST_LINES})
   */
  public record UnparsedInFile(String file, long count, List<Long> firstLines) {
    public static final int FIRST_LINES = 5;

    static UnparsedInFile first(String file, long lineNumber) {
      return new UnparsedInFile(file, 1, List.of(lineNumber));
    }

    UnparsedInFile plus(UnparsedInFile more) {
      List<Long> lines = new ArrayList<>(firstLines);
      for (Long line : more.firstLines) {
        if (lines.size() < FIRST_LINES) {
          lines.add(line);
        }
      }
      return new UnparsedInFile(file, count + more.count, List.copyOf(lines));
    }
  }
}
