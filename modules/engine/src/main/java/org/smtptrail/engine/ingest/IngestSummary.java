package org.smtptrail.engine.ingest;

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
    double seconds,
    boolean interrupted) {

  /**
   * A file that was not read.
   *
   * @param file   the path
   * @param reason why, in words a user can act on
   */
  public record SkippedFile(String file, String reason) {}
}
