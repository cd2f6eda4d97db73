package org.smtptrail.cli.query;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.store.IndexNeedsUpgradeException;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.query.StatsReport;
import org.smtptrail.engine.query.StatsSearcher;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.store.Store;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.Evidence;
import org.smtptrail.engine.verdict.StatsGroup;

/**
 * The answers read from a store in this process: the index on disk for a command, or the server's shared view for a
 * request. Whatever the store, the questions go through the same searchers, so they get the same answers.
 */
public final class LocalQueries implements Queries {
  private final StoreReader store;

  /** Answers from this store, which {@link #close()} closes. */
  public LocalQueries(StoreReader store) {
    this.store = store;
  }

  /**
   * Answers from a store: the index of a data folder (empty when it has none), or a store elsewhere.
   *
   * @throws IndexNeedsUpgradeException the store was written by an older smtptrail and must be upgraded first
   */
  public static LocalQueries open(DataDirectory dataDirectory, Store store) throws IOException {
    StoreReader reader = store.openReader(dataDirectory);
    if (reader.needsUpgrade()) {
      reader.close();
      throw store instanceof LocalStore ? new IndexNeedsUpgradeException(dataDirectory)
          : new IndexNeedsUpgradeException("the store at " + store,
              "smtptrail upgrade --store " + store + " --data " + dataDirectory.root());
    }
    return new LocalQueries(reader);
  }

  @Override
  public TracePage trace(TraceQuery query) throws IOException {
    if (query.limit() == 0) {
      return new TracePage(new TraceSearcher(store).trace(query), false);
    }
    // one row more than the page tells whether there is a next page
    List<DeliveryRow> rows = new TraceSearcher(store).trace(query.withLimit(query.limit() + 1));
    boolean more = rows.size() > query.limit();
    return new TracePage(more ? rows.subList(0, query.limit()) : rows, more);
  }

  @Override
  public Optional<DeliveryRow> check(String to, String messageId, Instant since) throws IOException {
    return new TraceSearcher(store).trace(Queries.checkQuery(to, messageId, since)).stream().findFirst();
  }

  @Override
  public List<Evidence> events(String key) throws IOException {
    List<Evidence> lines = new ArrayList<>();
    for (LogEvent event : new TraceSearcher(store).events(key)) {
      SourceLine source = event.header().source();
      Evidence line = new Evidence(source.file(), source.lineNumber(), source.text());
      if (lines.isEmpty() || !lines.get(lines.size() - 1).equals(line)) {
        lines.add(line); // one line can hold several events; it is listed once
      }
    }
    return lines;
  }

  @Override
  public StatsReport stats(Instant since, Instant until, StatsGroup by) throws IOException {
    return new StatsSearcher(store).stats(since, until, by);
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
