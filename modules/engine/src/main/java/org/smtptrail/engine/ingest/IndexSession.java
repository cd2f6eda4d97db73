package org.smtptrail.engine.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.ParseContext;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.DataFolderWriteException;
import org.smtptrail.engine.state.Checkpoint;
import org.smtptrail.engine.state.Checkpoints;
import org.smtptrail.engine.state.StateStore;
import org.smtptrail.engine.store.FreshView;
import org.smtptrail.engine.store.Store;
import org.smtptrail.engine.store.StoreHealth;
import org.smtptrail.engine.store.StoreWriter;

/**
 * One writer's hold on a data folder: the index (whose write lock makes it the only writer), the checkpoints and the
 * correlation state. Batch ingest and the tailer both read files through it. {@link #commit()} orders the writes so
 * that a crash at any moment loses nothing and duplicates nothing: correlation state first (being ahead is
 * harmless), then the index, then the checkpoints (never ahead of the index; when behind, the lines after them are
 * deleted and read again by {@link #start}).
 */
public final class IndexSession implements Closeable {
  private final DataDirectory dataDirectory;
  private final StoreWriter store;
  private final StateStore state;
  private final Checkpoints checkpoints;
  private final Correlator correlator;
  private final StoredRows rows;
  private final IndexWorker worker;
  private final List<FileProgress> files = new ArrayList<>();
  private final BackgroundCommit background = new BackgroundCommit();
  final IngestCounters counters = new IngestCounters();

  private IndexSession(DataDirectory dataDirectory, StoreWriter store, StateStore state, StoredRows.CacheSize cache)
      throws IOException {
    this.dataDirectory = dataDirectory;
    this.store = store;
    this.state = state;
    this.checkpoints = state.checkpoints();
    this.correlator = new Correlator(state.inFlightMessages());
    this.worker = new IndexWorker(store);
    this.rows = new StoredRows(store, worker, cache);
  }

  /**
   * Opens the store for writing (the local one takes the data folder's write lock) and the data folder's state. A
   * store whose rows older rules decided gets its rows decided again from its events first (once; {@code listener}
   * hears the progress).
   */
  public static IndexSession open(DataDirectory dataDirectory, Store store, IngestListener listener)
      throws IOException {
    return open(dataDirectory, store, listener, StoredRows.CacheSize.DEFAULT);
  }

  /** As {@link #open(DataDirectory, Store, IngestListener)}, with the heap's share of the stored rows' events set. */
  static IndexSession open(DataDirectory dataDirectory, Store store, IngestListener listener,
      StoredRows.CacheSize cache) throws IOException {
    StoreWriter writer = store.openWriter(dataDirectory);
    StateStore state = null;
    try {
      if (!writer.rowsCurrent()) {
        RowRebuild.run(writer, listener);
        writer.commit();
      }
      state = StateStore.open(dataDirectory);
      return new IndexSession(dataDirectory, writer, state, cache);
    } catch (IOException | RuntimeException e) {
      if (state != null) {
        state.close();
      }
      writer.close();
      if (DataFolderWriteException.isDiskFull(e)) {
        // a full disk met while creating the state files is the same fault as one met by the index: say so
        throw DataFolderWriteException.of(dataDirectory.root(), e);
      }
      throw e;
    }
  }

  /**
   * Since when the logs of this data folder were being read: the previous writer's last commit, or, when no writer
   * ever committed (each was killed first), when the first one started. Rotated files written after it hold lines
   * nobody indexed.
   */
  Instant previousRunTime() {
    Instant commit = store.previousCommitTime();
    return commit != null ? commit : state.firstOpened();
  }

  /** Whether a file (by fingerprint) was indexed before. */
  boolean knows(String fingerprint) {
    return checkpoints.contains(fingerprint);
  }

  /** Where a file (by fingerprint) was last checkpointed. */
  Checkpoint checkpoint(String fingerprint) {
    return checkpoints.get(fingerprint);
  }

  /**
   * Starts (or resumes) reading a file at its checkpoint; events indexed from beyond the checkpoint by a run that
   * did not get to write it are deleted first, so they are not duplicated.
   */
  FileProgress start(String fingerprint, String name, LogFormat format, ParseContext context) throws IOException {
    Checkpoint start = checkpoints.get(fingerprint);
    if (!checkpoints.contains(fingerprint)) {
      // known from now on: if it is renamed before the first commit, the tailer still finds it by fingerprint
      checkpoints.put(fingerprint, start);
    }
    rows.writeEvents();
    worker.drain(); // the delete must see every event read before it
    rows.lostEvents(store.deleteFrom(fingerprint, start.offset()));
    LineParser parser = format.newParser(context);
    FileProgress progress = new FileProgress(fingerprint, name, format.name(), context.hostLabel(), parser, start,
        store.fileWrites(fingerprint), worker, correlator, rows, counters);
    files.add(progress);
    return progress;
  }

  /** Stops tracking a file (its last progress is in the next commit's checkpoints only if committed before). */
  void finish(FileProgress progress) {
    files.remove(progress);
  }

  /**
   * Hands everything read so far, with the stored rows of every message it changed, to the index writer, where its
   * {@link #freshView() view} takes it in at its next refresh: no commit, nothing made durable (a crash reads it
   * again from the checkpoints, as it does everything read since the last commit).
   */
  void handOver() throws IOException {
    rows.flush(); // handed to the worker like the events
    worker.drain(); // everything read so far, and its rows, is in the IndexWriter
  }

  /** The view of what this session wrote, committed or not, for readers of this process (opened on first call). */
  FreshView freshView() throws IOException {
    return store.freshView();
  }

  /**
   * Makes everything read so far durable and visible to readers, with the stored rows of every message it changed,
   * then records the checkpoints.
   */
  public void commit() throws IOException {
    background.await(); // the checkpoints it records are older than these: it must not write them after
    handOver(); // before the commit: what it makes durable is exactly what was read
    Map<String, Checkpoint> reached = prepareCommit();
    store.commit();
    record(reached);
  }

  /**
   * Starts a commit of everything read so far on a thread of its own, so that reading goes on meanwhile: that thread
   * waits for the index worker to add what was read, then commits. What is read during it may be in it too: the index
   * ahead of the checkpoints is harmless (see the class comment); the checkpoints it records are those of now. Does
   * nothing while the previous one runs.
   *
   * @return whether a commit was started
   * @throws IOException the failure of the previous one (a full disk, say)
   */
  boolean commitInBackground() throws IOException {
    if (background.busy()) {
      return false;
    }
    rows.flush(); // handed to the worker like the events; the commit thread waits for the worker to add them
    IndexWorker.Mark read = worker.mark();
    Map<String, Checkpoint> reached = prepareCommit();
    background.start(() -> {
      read.await();
      store.commit();
      record(reached);
    });
    return true;
  }

  /**
   * With everything read in the writer: writes the correlation state (being ahead of the index is harmless) and
   * takes the checkpoints the commit makes safe.
   */
  private Map<String, Checkpoint> prepareCommit() throws IOException {
    try {
      correlator.flush();
    } catch (RuntimeException stateUnwritable) {
      throw asWriteFailure(stateUnwritable);
    }
    Map<String, Checkpoint> reached = new LinkedHashMap<>();
    for (FileProgress progress : files) {
      if (progress.takeDirty()) {
        reached.put(progress.fingerprint(), progress.safeCheckpoint());
      }
    }
    return reached;
  }

  /** Records checkpoints, once the index commit that holds their lines is done. */
  private void record(Map<String, Checkpoint> reached) throws IOException {
    try {
      reached.forEach(checkpoints::put);
    } catch (RuntimeException stateUnwritable) {
      throw asWriteFailure(stateUnwritable);
    }
  }

  private RuntimeException asWriteFailure(RuntimeException e) throws DataFolderWriteException {
    if (DataFolderWriteException.isDiskFull(e)) {
      throw DataFolderWriteException.of(dataDirectory.root(), e);
    }
    return e;
  }

  /** How the store has answered this session's writer so far (any thread). */
  StoreHealth storeHealth() {
    return store.health();
  }

  /** Bounds the correlation state (see {@link Correlator#prune()}). */
  void pruneCorrelation() {
    correlator.prune();
  }

  /** Closes without committing what was read since the last commit: it is read again next time. */
  @Override
  public void close() throws IOException {
    background.close(); // a commit under way ends first: the writer is rolled back below
    worker.close();
    try {
      rows.close();
      state.close();
    } finally {
      store.close();
    }
  }
}
