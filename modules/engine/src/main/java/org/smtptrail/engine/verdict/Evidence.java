package org.smtptrail.engine.verdict;

import org.smtptrail.core.event.SourceLine;


/**
 * A log line that supports a verdict.
 *
 * @param file the file it was read from
 * @param line its line number
 * @param text the raw line
 */
public record Evidence(String file, long line, String text) {
  static Evidence of(SourceLine source) {
    return new Evidence(source.file(), source.lineNumber(), source.text());
  }
}
