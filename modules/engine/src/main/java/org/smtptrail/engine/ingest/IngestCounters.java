package org.smtptrail.engine.ingest;

import java.util.ArrayList;
import java.util.List;
import org.smtptrail.core.event.Unparsed;

/** What a batch or tail run has read so far. Not thread-safe: one ingest thread owns it. */
final class IngestCounters {
  private static final int UNPARSED_EXAMPLES = 10;

  final List<String> unparsedExamples = new ArrayList<>();
  long lines;
  long events;
  long skippedLines;
  long unparsed;

  void unparsed(Unparsed event) {
    unparsed++;
    if (unparsedExamples.size() < UNPARSED_EXAMPLES) {
      unparsedExamples.add(event.header().source().position() + ": expected " + event.expected());
    }
  }
}
