package org.smtptrail.testkit;

import java.util.ArrayList;
import java.util.List;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.SourceLine;

/** An {@link EventSink} that keeps everything it is given, for assertions. */
public final class CollectingSink implements EventSink {
  private final List<LogEvent> events = new ArrayList<>();
  private final List<SourceLine> skipped = new ArrayList<>();

  @Override
  public void accept(LogEvent event) {
    events.add(event);
  }

  @Override
  public void skipped(SourceLine line) {
    skipped.add(line);
  }

  public List<LogEvent> events() {
    return events;
  }

  public List<SourceLine> skipped() {
    return skipped;
  }
}
