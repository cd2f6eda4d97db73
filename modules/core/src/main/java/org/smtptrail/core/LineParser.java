package org.smtptrail.core;

import org.smtptrail.core.event.SourceLine;


/**
 * Turns the records of one file into events. A parser is created per file and used by one thread; it may keep state
 * (a record split over several physical lines, a dialogue in progress), which {@link #flush} hands over at the end.
 *
 * <p>A parser never throws on bad input: a record it cannot read becomes an
 * {@link org.smtptrail.core.event.Unparsed} event.
 *
 * <p>A parser masks credentials before it builds events from a record, Unparsed ones included: what it emits is
 * indexed, shown and exported as it is. {@link org.smtptrail.core.credentials.Credentials#mask} covers what one line
 * shows (password fields, an AUTH command's initial response); a format that logs SMTP dialogues also runs them
 * through {@link org.smtptrail.core.credentials.SaslExchanges}, keyed by its connection id.
 */
public interface LineParser {
  /** Parses one physical line; events go to the sink, possibly later (see {@link #flush}). */
  void parse(SourceLine line, EventSink sink);

  /** Emits whatever is still buffered: called at the end of the input, or when the tailer has waited long enough. */
  default void flush(EventSink sink) {}

  /**
   * The first line of a record still buffered (not yet emitted), or null when nothing is buffered. A checkpoint
   * never passes it, so a restart reads the whole record again.
   */
  default SourceLine pendingRecord() {
    return null;
  }
}
