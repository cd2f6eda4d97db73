package org.smtptrail.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.smtptrail.cli.options.DataDirMixin;
import org.smtptrail.cli.render.Redaction;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.query.TraceSearcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code smtptrail events KEY}: the raw evidence lines of one message, in time order. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    header = "Print every log line of one message (by message key), in time order.")
public final class EventsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataDirMixin data;

  @Parameters(paramLabel = "KEY", description = "A message key as trace shows it, e.g. postfix:mx1:3F2A81C0D2.")
  String key;

  @Option(names = "--redact", description = "Mask the local part of every address (***@domain).")
  boolean redact;

  @Override
  public Integer call() throws Exception {
    Redaction redaction = Redaction.keeping();
    List<LogEvent> events;
    try (EventStore store = EventStore.open(data.dataDirectory())) {
      events = new TraceSearcher(store).events(key);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (events.isEmpty()) {
      out.printf("no events for key %s%n", key);
      return ExitCodes.NO_RECORD;
    }
    long previousLine = -1;
    String previousFile = null;
    for (LogEvent event : events) {
      var source = event.header().source();
      if (source.lineNumber() == previousLine && source.file().equals(previousFile)) {
        continue; // one line can hold several events; print it once
      }
      out.printf("%s:%d  %s%n", source.file(), source.lineNumber(),
          redact ? redaction.mask(source.text()) : source.text());
      previousLine = source.lineNumber();
      previousFile = source.file();
    }
    return ExitCodes.OK;
  }
}
