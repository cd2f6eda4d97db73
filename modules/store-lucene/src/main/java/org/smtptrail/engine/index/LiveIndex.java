package org.smtptrail.engine.index;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.ExitableDirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.index.ReaderManager;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.InterruptibleWait;
import org.smtptrail.engine.store.FreshView;
import org.smtptrail.engine.store.IndexNeedsUpgradeException;
import org.smtptrail.engine.store.LiveFigures;
import org.smtptrail.engine.store.LiveStore;
import org.smtptrail.engine.store.TimeBudgetExceededException;

/**
 * The index of a data folder held open by a long-running process ({@code serve}): one reader, shared by every
 * request, and reopened by {@link #refresh()} when a writer (a {@code tail} or {@code index} in this process or
 * another) has committed since; reopening reuses every unchanged segment, so it costs little. A request takes the
 * current view with {@link #acquire()} and hands it back by closing the store: a reopen never pulls a reader from
 * under a running query, and the old reader is closed once its last query is done.
 *
 * <p>When the writer runs in this process ({@code serve --tail}), requests read its {@link WriterView} instead: what
 * it read, committed or not, made visible at its next round of reading after the request came. Once that writer is
 * gone (a full disk stopped it), requests read what it committed, as they would from another process.
 *
 * <p>A data folder without an index yet is no error: {@link #acquire()} is empty until a writer's first commit, and
 * again once the index folder is deleted (until a writer makes a new one).
 */
public final class LiveIndex implements LiveStore {
  /** The longest a request waits for the writer view to take in what was written before it came. */
  private static final Duration FRESHNESS_WAIT = Duration.ofSeconds(1);

  private final DataDirectory dataDirectory;
  /** The writer of this process, or null. */
  private final WriterView writerView;
  private Directory directory;
  private volatile ReaderManager readers;
  private volatile Instant refreshedAt;

  private LiveIndex(DataDirectory dataDirectory, WriterView writerView) {
    this.dataDirectory = dataDirectory;
    this.writerView = writerView;
  }

  /** Opens the index of a data folder, if there is one yet. */
  public static LiveIndex open(DataDirectory dataDirectory) throws IOException {
    return open(dataDirectory, null);
  }

  /**
   * Opens the index of a data folder that a writer of this process writes: requests read that writer's view while it
   * runs.
   *
   * @param writerView the view of the local store's writer ({@link EventIndex#freshView()}), or null
   */
  public static LiveIndex open(DataDirectory dataDirectory, FreshView writerView) throws IOException {
    if (writerView != null && !(writerView instanceof WriterView)) {
      throw new IllegalArgumentException("the local index reads the view of a local writer, not " + writerView);
    }
    LiveIndex index = new LiveIndex(dataDirectory, (WriterView) writerView);
    try {
      index.refresh();
      Optional<EventStore> now = index.acquire(); // an index to upgrade is refused at the start, not at a request
      if (now.isPresent()) {
        now.get().close();
      }
    } catch (IOException | RuntimeException e) {
      index.close();
      throw e;
    }
    return index;
  }

  /** Whether requests read the writer of this process, which runs. */
  private boolean writerRuns() {
    return writerView != null && !writerView.closed();
  }

  /**
   * Takes in what writers committed since the last call (and the index itself, once it exists). Nothing to do while
   * requests read the writer of this process: it refreshes its view itself.
   *
   * @return whether the view changed
   */
  @Override
  public synchronized boolean refresh() throws IOException {
    if (writerRuns()) {
      return false;
    }
    if (readers == null) {
      if (!openIfCreated()) {
        return false;
      }
      refreshedAt = Instant.now();
      return true;
    }
    if (!dataDirectory.hasIndex() || !DirectoryReader.indexExists(directory)) {
      forget(); // deleted under a running server: say so, rather than answer from files that are gone
      refreshedAt = Instant.now();
      return true;
    }
    long before = version();
    readers.maybeRefreshBlocking();
    refreshedAt = Instant.now();
    return version() != before;
  }

  /** Back to "no index yet"; requests under way keep their readers, which close when they are done. */
  private void forget() throws IOException {
    ReaderManager gone = readers;
    readers = null;
    try {
      gone.close();
    } finally {
      directory.close();
      directory = null;
    }
  }

  private boolean openIfCreated() throws IOException {
    if (!dataDirectory.hasIndex()) {
      return false;
    }
    Directory opened = FSDirectory.open(dataDirectory.index());
    if (!DirectoryReader.indexExists(opened)) {
      opened.close();
      return false;
    }
    directory = opened;
    readers = new ReaderManager(opened);
    return true;
  }

  /**
   * The index as of the last refresh, for one request; closing the store hands the reader back. Empty while the data
   * folder has no index.
   */
  @Override
  public Optional<EventStore> acquire() throws IOException {
    return shared().map(EventStore::closing);
  }

  /**
   * A reference to the current view (the writer view while this process's writer runs, else the last commit's) in a
   * wrapper whose close hands it back; empty while there is no index.
   */
  private Optional<DirectoryReader> shared() throws IOException {
    DirectoryReader reader = writerRuns() ? writerView.acquire() : null;
    if (reader == null) {
      ReaderManager current = readers;
      reader = current == null ? null : acquired(current);
      // the writer of this process upgraded its index before it read a line; a commit may be an older smtptrail's
      // (replaced under a running server, say): queries answer from stored rows, and none is not "no mail"
      if (reader != null && EventStore.needsUpgrade(reader)) {
        current.release(reader);
        throw new IndexNeedsUpgradeException(dataDirectory);
      }
    }
    // the wrapper owns the reference just taken: closing it (through the store) releases it
    return reader == null ? Optional.empty() : Optional.of(new Released(reader));
  }

  /**
   * As {@link #acquire()}, for a request with a time budget: it first waits (at most a second, and within the budget)
   * for the writer of this process, if any, to take in what was written before the request came. Once the budget is
   * spent, the next read of the index (terms, postings, doc values, points) throws
   * {@link TimeBudgetExceededException}, so a query whose cost the caller could not bound (a broad pattern over a
   * large index) ends instead of holding its thread.
   */
  @Override
  public Optional<EventStore> acquire(Duration budget) throws IOException {
    long deadline = System.nanoTime() + budget.toNanos();
    if (writerRuns()) {
      awaitFresh(budget.compareTo(FRESHNESS_WAIT) < 0 ? budget : FRESHNESS_WAIT);
    }
    Optional<DirectoryReader> shared = shared();
    if (shared.isEmpty()) {
      return Optional.empty();
    }
    QueryTimeout timeout = () -> {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeBudgetExceededException(budget);
      }
      return false;
    };
    return Optional.of(EventStore.closing(new ExitableDirectoryReader(shared.get(), timeout)));
  }

  /** Waits for the writer view to take in what was written so far; past {@code max}, answers from what it has. */
  private void awaitFresh(Duration max) throws InterruptedIOException {
    InterruptibleWait.await("waiting for the tail to take in new lines", () -> writerView.awaitFresh(max));
  }

  /** A reference to the current reader, or null when the index was found gone since {@code current} was read. */
  private static DirectoryReader acquired(ReaderManager current) throws IOException {
    try {
      return current.acquire();
    } catch (AlreadyClosedException gone) {
      return null;
    }
  }

  @Override
  public LiveFigures figures() throws IOException {
    Optional<DirectoryReader> shared = shared();
    if (shared.isEmpty()) {
      return LiveFigures.NONE;
    }
    try (DirectoryReader reader = shared.get()) {
      int unparsed = new IndexSearcher(reader)
          .count(new TermQuery(new Term(EventSchema.KIND, Unparsed.class.getSimpleName())));
      Instant refreshed = writerRuns() ? writerView.refreshed() : refreshedAt;
      return new LiveFigures(reader.getVersion(), EventStore.over(reader).eventCount(), unparsed, refreshed);
    }
  }

  private long version() throws IOException {
    DirectoryReader reader = readers.acquire();
    try {
      return reader.getVersion();
    } finally {
      readers.release(reader);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (readers != null) {
        readers.close(); // readers still acquired close when their requests release them
      }
    } finally {
      if (directory != null) {
        directory.close();
      }
    }
  }

  /**
   * The shared reader, seen through a wrapper whose close releases one reference to it instead of closing it. Not
   * {@code in.close()}: that releases only the first time it is called on the shared reader, so every later request on
   * the same view would keep its reference, and the view's files, forever.
   */
  private static final class Released extends FilterDirectoryReader {
    Released(DirectoryReader shared) throws IOException {
      super(shared, new SubReaderWrapper() {
        @Override
        public LeafReader wrap(LeafReader reader) {
          return reader;
        }
      });
    }

    @Override
    protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
      return new Released(in);
    }

    @Override
    protected void doClose() throws IOException {
      in.decRef();
    }

    @Override
    public CacheHelper getReaderCacheHelper() {
      return in.getReaderCacheHelper();
    }
  }
}
