package org.smtptrail.engine.ingest;

import java.io.IOException;
import java.util.List;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.LogFormats;

/** Picks the installed format most sure of a file's first lines, or the one the user forced. */
final class FormatSniffer {
  private static final int SNIFF_LINES = 20;
  private static final int MIN_CONFIDENCE = 10;

  private FormatSniffer() {}

  /**
   * The format of a file, or null when no installed format is at least a little sure.
   *
   * @param whole true when the file is read to its end now (batch): its last line counts, newline or not; false for a
   *              file followed live, whose last line may be half written
   */
  static LogFormat formatOf(LogFile file, String forced, boolean whole) throws IOException {
    if (forced != null) {
      return LogFormats.forName(forced);
    }
    List<String> head = file.firstLines(SNIFF_LINES, whole);
    LogFormat best = null;
    int bestConfidence = MIN_CONFIDENCE - 1;
    for (LogFormat format : LogFormats.all()) {
      int confidence = format.sniff(head);
      if (confidence > bestConfidence) {
        best = format;
        bestConfidence = confidence;
      }
    }
    return best;
  }
}
