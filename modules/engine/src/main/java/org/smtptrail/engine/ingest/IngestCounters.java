package org.smtptrail.engine.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.engine.ingest.IngestSummary.UnparsedInFile;

/** What a batch or tail run has read so far. Not thread-safe: one ingest thread owns it. */
final class IngestCounters {
  private static final int UNPARSED_EXAMPLES = 10;

  final List<String> unparsedExamples = new ArrayList<>();
  /** Per file, in the order files were read: how many lines could not be read, and the first few line numbers. */
  final Map<String, UnparsedInFile> unparsedByFile = new LinkedHashMap<>();
  long lines;
  long events;
  long skippedLines;
  long unparsed;
  /** Address-verification probe answers: read and kept as evidence, but not deliveries (no row). */
  long probes;

  void unparsed(Unparsed event) {
    unparsed++;
    if (unparsedExamples.size() < UNPARSED_EXAMPLES) {
      unparsedExamples.add(event.header().source().position() + ": expected " + event.expected());
    }
    unparsedByFile.merge(event.header().source().file(),
        UnparsedInFile.first(event.header().source().file(), event.header().source().lineNumber()),
        UnparsedInFile::plus);
  }
}
