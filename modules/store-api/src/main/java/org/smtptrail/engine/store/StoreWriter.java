package org.smtptrail.engine.store;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The writing side of the store contract: what reading logs ({@code index}, {@code tail}, {@code serve --tail}) asks
 * of a store, in the product's words. One writer at a time per store and data folder. Writes are prepared on the
 * reading thread ({@link #fileWrites}, {@link #rows}) and applied in the order prepared ({@link #apply}), on a
 * writing thread; {@link #commit()} makes everything applied durable, and the caller records the checkpoints of the
 * lines it holds only after it returns. What was applied and not committed is gone after a crash and read again.
 * A store elsewhere that is unreachable or busy for a while holds each call until it answers again (reading then
 * pauses behind the writes waiting for it; see {@link #health()}); a call throws only for a fault that waiting
 * cannot cure.
 */
public interface StoreWriter extends Closeable {
  /**
   * When the previous writer of this store last committed, or null when there was none: lines written to the logs
   * after it were not indexed by anyone.
   */
  Instant previousCommitTime();

  /**
   * Whether the rows hold every event of the store, decided by this version's rules; false for a store written by an
   * older version until {@link #markRowsCurrent()}.
   */
  boolean rowsCurrent();

  /** Says, in this and every later commit, that the rows are complete (readers then rely on them). */
  void markRowsCurrent();

  /** Prepares the writes of the events read from one file, by its content fingerprint. */
  FileWrites fileWrites(String fileId);

  /**
   * The write of a message's rows, each as {@link RowFacts} has it; {@code replacing} deletes its rows already in the
   * store first (false: it has none, as for a message first seen since the last commit).
   */
  StoreWrite rows(String key, List<RowFacts> rows, boolean replacing);

  /** Applies a prepared write: in the order they were prepared, one thread at a time. */
  void apply(StoreWrite write) throws IOException;

  /** Deletes every row (before they are decided again from the events). */
  void deleteAllRows() throws IOException;

  /**
   * Deletes the events read from a file at or after an offset, before that part is read again: lines applied after
   * the last checkpoint (a crash between commit and checkpoint), or a last line that was unfinished then. Events of a
   * message read before the offset stay.
   *
   * @return the keys of the messages that lose events (their rows must be decided again)
   */
  Set<String> deleteFrom(String fileId, long offset) throws IOException;

  /**
   * Everything applied so far, to read back (the caller has every write it prepared applied first). Costly in a
   * store that must make its recent writes searchable to answer, so asked for only when events must be read back.
   */
  WrittenSoFar writtenSoFar() throws IOException;

  /** The view readers of this process search, opened on first use, closed with the writer. */
  FreshView freshView() throws IOException;

  /** Makes everything applied so far durable and visible to readers in other processes. */
  void commit() throws IOException;

  /**
   * How the store has answered this writer so far (any thread): errors, retries, and whether a request is waiting
   * for it. A store on this machine never retries: {@link StoreHealth#ANSWERING}.
   */
  default StoreHealth health() {
    return StoreHealth.ANSWERING;
  }

  /** Closes without committing: whatever was not committed is read again next time. */
  @Override
  void close() throws IOException;
}
