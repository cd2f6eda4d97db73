package org.smtptrail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.smtptrail.cli.options.RetentionAge;
import org.smtptrail.cli.options.StoreMixin;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.store.opensearch.LayoutChange;
import org.smtptrail.store.opensearch.OpenSearchStore;
import org.smtptrail.store.opensearch.PrunedMonth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code smtptrail store}: what a store elsewhere needs before agents write to it. */
@Command(name = "store", mixinStandardHelpOptions = true,
    header = "Prepare a store elsewhere (OpenSearch), and drop its old months.",
    subcommands = {StoreCommand.Init.class, StoreCommand.Prune.class})
public final class StoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** {@code smtptrail store init --store URL}: the cluster's templates, indices, aliases and retention. */
  @Command(name = "init", mixinStandardHelpOptions = true,
      header = "Create or update an OpenSearch store's index templates, monthly indices, aliases and retention"
          + " policy, and say what changed (a second run changes nothing).")
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin StoreMixin store;

    @Option(names = "--retention-days", paramLabel = "DAYS",
        defaultValue = "" + OpenSearchStore.DEFAULT_RETENTION_DAYS,
        description = "Delete monthly indices once all they hold is older than DAYS (default: ${DEFAULT-VALUE}).")
    int retentionDays;

    @Option(names = "--shards", paramLabel = "N", defaultValue = "1",
        description = "Primary shards of each new monthly index (default: ${DEFAULT-VALUE}; aim at 30-50 GB each).")
    int shards;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
        description = "Copies of each shard on other nodes (default: ${DEFAULT-VALUE}; 0 on a single node).")
    int replicas;

    @Override
    public Integer call() throws Exception {
      OpenSearchStore target = cluster(spec, store).withLayout(retentionDays, shards, replicas);
      for (LayoutChange change : target.init()) {
        spec.commandLine().getOut().println(change);
      }
      return ExitCodes.OK;
    }
  }

  /** {@code smtptrail store prune --store URL --older-than AGE}: whole months dropped, for clusters without ISM. */
  @Command(name = "prune", mixinStandardHelpOptions = true,
      header = "Drop the months of an OpenSearch store that ended more than AGE ago (their events and rows indices,"
          + " whole), and say what they held; for a cluster without index management (ISM), from a daily timer.")
  static final class Prune implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin StoreMixin store;

    @Option(names = "--older-than", paramLabel = "AGE", required = true,
        description = "Drop the months that ended more than AGE ago: days (400d) or months (13m). The current month,"
            + " and the lines without a time, are never dropped.")
    String olderThan;

    @Option(names = "--dry-run", description = "Only say what would be dropped.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      Instant cutoff = RetentionAge.parse(olderThan).before(Instant.now());
      List<PrunedMonth> months = cluster(spec, store).prune(cutoff, dryRun);
      PrintWriter out = spec.commandLine().getOut();
      for (PrunedMonth month : months) {
        out.printf(Locale.ROOT, "%s %s: %s (%d documents, %.1f MB)%n", dryRun ? "would drop" : "dropped",
            month.month(), String.join(", ", month.indices()), month.documents(), month.bytes() / 1e6);
      }
      long documents = months.stream().mapToLong(PrunedMonth::documents).sum();
      long bytes = months.stream().mapToLong(PrunedMonth::bytes).sum();
      out.printf(Locale.ROOT, "%s %d month(s) that ended before %s: %d documents, %.1f MB%n",
          dryRun ? "would drop" : "dropped", months.size(), cutoff, documents, bytes / 1e6);
      return ExitCodes.OK;
    }
  }

  /** The store a subcommand works on, which must be a cluster. */
  private static OpenSearchStore cluster(CommandSpec spec, StoreMixin store) throws IOException {
    if (!(store.store() instanceof OpenSearchStore cluster)) {
      throw new ParameterException(spec.commandLine(), spec.name() + " needs the cluster: --store URL (or"
          + " $SMTPTRAIL_STORE), e.g. --store http://127.0.0.1:9200/smtptrail");
    }
    return cluster;
  }
}
