package org.smtptrail.core.event;

import java.util.Objects;

/**
 * One physical (or, for formats with continuation lines, joined) log record and where it came from: the evidence
 * every event points back to.
 *
 * @param file       the file as the user named it (absolute path)
 * @param lineNumber 1-based number of the record's first line in the file
 * @param byteOffset offset of the record's first byte in the (decompressed) file
 * @param text       the record without its line terminator. What a parser puts in an event's header is the text as it
 *                   may be stored and shown: credentials masked ({@link org.smtptrail.core.credentials.Credentials},
 *                   {@link org.smtptrail.core.credentials.SaslExchanges})
 */
public record SourceLine(String file, long lineNumber, long byteOffset, String text) {
  public SourceLine {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
  }

  /** "file:line", the way errors and summaries point at a line. */
  public String position() {
    return file + ":" + lineNumber;
  }
}
