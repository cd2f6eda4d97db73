package org.smtptrail.engine.store;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A store as a long-running server reads it ({@code serve}): one shared view, refreshed in the background, from
 * which each request takes a reader; with a writer in the same process ({@code serve --tail}), a request first waits
 * (briefly) for that writer's {@link FreshView} to take in what was written before it came.
 */
public interface LiveStore extends Closeable {
  /** Takes in what writers committed since the last call; whether anything changed. */
  boolean refresh() throws IOException;

  /** The store as of the last refresh, for one request; closing the reader hands it back. Empty while there is none. */
  Optional<? extends StoreReader> acquire() throws IOException;

  /**
   * As {@link #acquire()}, for a request with a time budget: it waits at most a second, and within the budget, for
   * this process's writer to take in what was written before the request came; a store that can stop a query once
   * the budget is spent does.
   */
  Optional<? extends StoreReader> acquire(Duration budget) throws IOException;

  /** What the view holds, for monitoring; {@link LiveFigures#NONE} while there is nothing. */
  LiveFigures figures() throws IOException;
}
