package org.smtptrail.engine.ingest;

import java.util.ArrayList;
import java.util.List;
import org.smtptrail.core.event.Unparsed;

/**
 * What a batch or tail run (or one group of files of a batch run) has read so far. Not thread-safe: one thread owns
 * it.
 */
final class IngestCounters {
  private static final int UNPARSED_EXAMPLES = 10;

  final List<String> unparsedExamples = new ArrayList<>();
  long lines;
  long events;
  long skippedLines;
  long unparsed;

  /** Adds what another group read (after it is done), keeping the first examples in group order. */
  void add(IngestCounters other) {
    lines += other.lines;
    events += other.events;
    skippedLines += other.skippedLines;
    unparsed += other.unparsed;
    for (String example : other.unparsedExamples) {
      if (unparsedExamples.size() < UNPARSED_EXAMPLES) {
        unparsedExamples.add(example);
      }
    }
  }

  void unparsed(Unparsed event) {
    unparsed++;
    if (unparsedExamples.size() < UNPARSED_EXAMPLES) {
      unparsedExamples.add(event.header().source().position() + ": expected " + event.expected());
    }
  }
}
