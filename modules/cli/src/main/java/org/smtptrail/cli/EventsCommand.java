package org.smtptrail.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.smtptrail.cli.options.DataDirMixin;
import org.smtptrail.cli.options.ServerMixin;
import org.smtptrail.cli.options.StoreMixin;
import org.smtptrail.cli.query.Queries;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.cli.render.Redaction;
import org.smtptrail.engine.verdict.Evidence;
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
  @Mixin ServerMixin server;
  @Mixin StoreMixin store;

  @Parameters(paramLabel = "KEY", description = "A message key as trace shows it, e.g. postfix:mx1:3F2A81C0D2.")
  String key;

  @Option(names = "--redact", description = "Mask the local part of every address (***@domain).")
  boolean redact;

  @Override
  public Integer call() throws Exception {
    Redaction redaction = Redaction.keeping();
    List<Evidence> lines;
    try (Queries queries = server.queries(data, store)) {
      lines = queries.events(key);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (lines.isEmpty()) {
      out.printf("no events for key %s%n", key);
      return ExitCodes.NO_RECORD;
    }
    for (Evidence line : lines) {
      out.printf("%s:%d  %s%n", line.file(), line.line(), redact ? redaction.mask(line.text()) : line.text());
    }
    return ExitCodes.OK;
  }
}
