package org.smtptrail.cli;

import java.util.concurrent.Callable;
import org.smtptrail.cli.options.DataDirMixin;
import org.smtptrail.cli.options.OutputFormatMixin;
import org.smtptrail.cli.options.ServerMixin;
import org.smtptrail.cli.options.StoreMixin;
import org.smtptrail.cli.options.TimeRangeMixin;
import org.smtptrail.cli.query.Queries;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.cli.render.StatsRenderer;
import org.smtptrail.engine.query.StatsReport;
import org.smtptrail.engine.verdict.StatsGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smtptrail stats}: totals like pflogsumm's, and the same counts per domain, relay, category, verdict or host. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    header = "Count received, delivered, forwarded, deferred, bounced, expired and rejected, like pflogsumm.",
    description = "Counts the rows trace would list (one per message and recipient) in the time range, and the"
        + " messages and attempts behind them; --by adds the same counts per group. A recipient forwarded (alias,"
        + " .forward) counts as forwarded; the forwarded copy counts as a message of its own.")
public final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataDirMixin data;
  @Mixin OutputFormatMixin output;
  @Mixin TimeRangeMixin time;
  @Mixin ServerMixin server;
  @Mixin StoreMixin store;

  @Option(names = "--by", paramLabel = "GROUP",
      description = "Also count per group: ${COMPLETION-CANDIDATES}.")
  StatsGroup by;

  @Override
  public Integer call() throws Exception {
    StatsReport report;
    try (Queries queries = server.queries(data, store)) {
      report = queries.stats(time.since(), time.until(), by);
    }
    new StatsRenderer(output.format()).render(report, spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
