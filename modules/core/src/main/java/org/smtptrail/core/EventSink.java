package org.smtptrail.core;

import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.SourceLine;

/** Receives what a {@link LineParser} makes of a record: zero or more events, or the note that it was skipped. */
public interface EventSink {
  /** An event found in the record; a record may produce several (one per recipient, say). */
  void accept(LogEvent event);

  /**
   * The record is well-formed but says nothing about delivery (another program's line, a warning, a connect). It is
   * counted, not indexed. Unparseable records are not skipped: they become {@link org.smtptrail.core.event.Unparsed}
   * events so the raw text stays searchable as evidence.
   */
  void skipped(SourceLine line);
}
