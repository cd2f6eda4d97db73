package org.smtptrail.cli;

import java.util.concurrent.Callable;
import org.smtptrail.cli.options.StoreMixin;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.store.opensearch.LayoutChange;
import org.smtptrail.store.opensearch.OpenSearchStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code smtptrail store}: what a store elsewhere needs before agents write to it. */
@Command(name = "store", mixinStandardHelpOptions = true, header = "Prepare a store elsewhere (OpenSearch).",
    subcommands = StoreCommand.Init.class)
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
      if (!(store.store() instanceof OpenSearchStore cluster)) {
        throw new ParameterException(spec.commandLine(), "store init needs the cluster: --store URL (or"
            + " $SMTPTRAIL_STORE), e.g. --store http://127.0.0.1:9200/smtptrail");
      }
      OpenSearchStore target = cluster.withLayout(retentionDays, shards, replicas);
      for (LayoutChange change : target.init()) {
        spec.commandLine().getOut().println(change);
      }
      return ExitCodes.OK;
    }
  }
}
