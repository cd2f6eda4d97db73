package org.smtptrail.engine.index;

import java.io.Closeable;
import java.io.IOException;
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

/**
 * The index of a data folder held open by a long-running process ({@code serve}): one reader, shared by every
 * request, and reopened by {@link #refresh()} when a writer (a {@code tail} or {@code index} in this process or
 * another) has committed since; reopening reuses every unchanged segment, so it costs little. A request takes the
 * current view with {@link #acquire()} and hands it back by closing the store: a reopen never pulls a reader from
 * under a running query, and the old reader is closed once its last query is done.
 *
 * <p>A data folder without an index yet is no error: {@link #acquire()} is empty until a writer's first commit, and
 * again once the index folder is deleted (until a writer makes a new one).
 */
public final class LiveIndex implements Closeable {
  private final DataDirectory dataDirectory;
  private Directory directory;
  private volatile ReaderManager readers;
  private volatile Instant refreshedAt;

  private LiveIndex(DataDirectory dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  /** Opens the index of a data folder, if there is one yet. */
  public static LiveIndex open(DataDirectory dataDirectory) throws IOException {
    LiveIndex index = new LiveIndex(dataDirectory);
    index.refresh();
    return index;
  }

  /**
   * Takes in what writers committed since the last call (and the index itself, once it exists).
   *
   * @return whether the view changed
   */
  public synchronized boolean refresh() throws IOException {
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
  public Optional<EventStore> acquire() throws IOException {
    return shared().map(EventStore::closing);
  }

  /** A reference to the current view, in a wrapper whose close releases it; empty while there is no index. */
  private Optional<DirectoryReader> shared() throws IOException {
    ReaderManager current = readers;
    DirectoryReader reader = current == null ? null : acquired(current);
    // the wrapper owns the reference just taken: closing it (through the store) releases it
    return reader == null ? Optional.empty() : Optional.of(new Released(reader));
  }

  /**
   * As {@link #acquire()}, for a request with a time budget: once it is spent, the next read of the index (terms,
   * postings, doc values, points) throws {@link TimeBudgetExceededException}, so a query whose cost the caller could
   * not bound (a broad pattern over a large index) ends instead of holding its thread.
   */
  public Optional<EventStore> acquire(Duration budget) throws IOException {
    Optional<DirectoryReader> shared = shared();
    if (shared.isEmpty()) {
      return Optional.empty();
    }
    long deadline = System.nanoTime() + budget.toNanos();
    QueryTimeout timeout = () -> {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeBudgetExceededException(budget);
      }
      return false;
    };
    return Optional.of(EventStore.closing(new ExitableDirectoryReader(shared.get(), timeout)));
  }

  /** A reference to the current reader, or null when the index was found gone since {@code current} was read. */
  private static DirectoryReader acquired(ReaderManager current) throws IOException {
    try {
      return current.acquire();
    } catch (AlreadyClosedException gone) {
      return null;
    }
  }

  /** What the current view holds, for monitoring; {@link Figures#NONE} while there is no index. */
  public Figures figures() throws IOException {
    ReaderManager current = readers;
    DirectoryReader reader = current == null ? null : acquired(current);
    if (reader == null) {
      return Figures.NONE;
    }
    try {
      int unparsed = new IndexSearcher(reader)
          .count(new TermQuery(new Term(EventSchema.KIND, Unparsed.class.getSimpleName())));
      return new Figures(reader.getVersion(), EventStore.over(reader).eventCount(), unparsed, refreshedAt);
    } finally {
      current.release(reader);
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
   * What the index view holds.
   *
   * @param version    the commit's version (changes with every commit a refresh took in)
   * @param events     events (stored verdict rows not counted)
   * @param unparsed   events of lines no parser could read
   * @param refreshed  when the view was last checked for new commits, or null
   */
  public record Figures(long version, long events, long unparsed, Instant refreshed) {
    /** No index yet. */
    public static final Figures NONE = new Figures(-1, 0, 0, null);
  }

  /** The shared reader, seen through a wrapper whose close releases one reference to it instead of closing it. */
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
    public CacheHelper getReaderCacheHelper() {
      return in.getReaderCacheHelper();
    }
  }
}
