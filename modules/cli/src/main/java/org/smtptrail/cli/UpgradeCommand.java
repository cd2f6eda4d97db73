package org.smtptrail.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.smtptrail.cli.options.DataDirMixin;
import org.smtptrail.cli.options.StoreMixin;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.IndexSession;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.store.Store;
import org.smtptrail.engine.store.StoreReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smtptrail upgrade}: builds the stored verdicts of an index an older smtptrail wrote, without re-indexing. */
@Command(
    name = "upgrade",
    mixinStandardHelpOptions = true,
    header = "Build the stored verdicts of an index written by an older smtptrail (no re-indexing).",
    description = {
      "Reads every event of the index once and stores each (message, recipient) verdict, which trace --status,",
      "stats and serve read instead of recomputing. index and tail do the same the first time they open such an",
      "index; this command does only that. Safe to stop: an interrupted upgrade starts over next time, and until",
      "it is done queries answer from the events, as before."
    })
public final class UpgradeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataDirMixin data;
  @Mixin StoreMixin store;

  @Override
  public Integer call() throws Exception {
    DataDirectory dataDirectory = data.dataDirectory();
    PrintWriter out = spec.commandLine().getOut();
    Store target = store.store(); // read once: a store elsewhere reads its credentials and CA files
    if (target instanceof LocalStore && !dataDirectory.hasIndex()) {
      throw new IllegalArgumentException("no index in " + dataDirectory.root() + ": run smtptrail index first");
    }
    IngestListener progress = ProgressBars.forTerminal(spec.commandLine().getErr());
    boolean[] rebuilt = {false};
    long started = System.nanoTime();
    try (IndexSession ignored = IndexSession.open(dataDirectory, target, new IngestListener() {
          @Override
          public void rebuildingRows(long events) {
            rebuilt[0] = true;
            progress.rebuildingRows(events);
          }

          @Override
          public void rowsRebuilt(long events) {
            progress.rowsRebuilt(events);
          }
        })) {
      // opening the writer is the upgrade: it builds what is missing and commits it
    }
    try (StoreReader upgraded = target.openReader(dataDirectory)) {
      out.printf(Locale.ROOT, rebuilt[0]
              ? "stored verdicts built for %d events in %.1f s%n"
              : "stored verdicts already up to date (%d events)%n",
          upgraded.eventCount(), (System.nanoTime() - started) / 1e9);
    }
    return ExitCodes.OK;
  }
}
