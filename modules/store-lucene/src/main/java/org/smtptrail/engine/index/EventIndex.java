package org.smtptrail.engine.index;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NRTCachingDirectory;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.DataDirectoryInUseException;
import org.smtptrail.engine.DataFolderWriteException;
import org.smtptrail.engine.store.FileWrites;
import org.smtptrail.engine.store.RowFacts;
import org.smtptrail.engine.store.StoreWrite;
import org.smtptrail.engine.store.StoreWriter;
import org.smtptrail.engine.store.WrittenSoFar;

/**
 * The writing side of the index. Event documents are only appended, except that a resumed read first deletes what it
 * will read again ({@link #deleteFrom}); with checkpoints written after each commit this makes a crash at any moment
 * lose nothing and duplicate nothing. The stored verdict rows of a message are replaced as its events arrive
 * ({@link #deleteRows}, {@link #addRows}), in the same commits, so they never disagree with the events after a crash
 * either.
 */
public final class EventIndex implements StoreWriter {
  /** Newest first: trace lists newest first and can stop early on a sorted index. */
  public static final Sort TIME_DESCENDING = new Sort(new SortField(EventSchema.TIME, SortField.Type.LONG, true));

  /** The largest new segment kept in memory until a commit writes it, and all of them together. */
  private static final double CACHED_SEGMENT_MB = 4;
  private static final double CACHED_MB = 32;

  private final DataDirectory dataDirectory;
  private final Directory directory;
  private final IndexWriter writer;
  private final Instant previousCommit;
  private boolean rowsCurrent;
  /** The near-real-time reader of {@link #recentReader()}, opened on first use. */
  private DirectoryReader recent;
  /** The view of {@link #freshView()}, opened on first use. */
  private WriterView view;

  private EventIndex(DataDirectory dataDirectory, Directory directory, IndexWriter writer, Instant previousCommit) {
    this.dataDirectory = dataDirectory;
    this.directory = directory;
    this.writer = writer;
    this.previousCommit = previousCommit;
    // the writer starts with the user data of the commit it opened
    String rowsVersion = writer.getLiveCommitData() == null ? null : liveCommitData().get(RowSchema.VERSION_KEY);
    // a new index has rows for all (none) of its events; an old one has events without rows until they are rebuilt
    if (previousCommit == null || RowSchema.VERSION.equals(rowsVersion)) {
      markRowsCurrent();
    }
  }

  private Map<String, String> liveCommitData() {
    Map<String, String> data = new HashMap<>();
    writer.getLiveCommitData().forEach(entry -> data.put(entry.getKey(), entry.getValue()));
    return data;
  }

  /**
   * Opens (creating if needed) the index of a data folder for writing.
   *
   * @throws DataDirectoryInUseException when another process holds the write lock
   * @throws DataFolderWriteException when the folder cannot be written (a full disk, for one)
   */
  public static EventIndex openForWriting(DataDirectory dataDirectory) throws IOException {
    return openForWriting(dataDirectory, UnaryOperator.identity());
  }

  /**
   * Opens the index for writing through a wrapper of its Lucene directory: how the fault tests make a disk fill up
   * at a chosen byte while everything else runs as in production.
   */
  public static EventIndex openForWriting(DataDirectory dataDirectory, UnaryOperator<Directory> wrapper)
      throws IOException {
    dataDirectory.create();
    // small new segments (a refresh of the writer view writes one every 100 ms or so) stay in memory until a commit
    // or a merge writes them out, on the committing or merging thread: a refresh then opens no file (benchmarks/
    // RESULTS.md, "The hot path"); segments the size of a batch's flush go to disk as before
    Directory directory = new NRTCachingDirectory(wrapper.apply(FSDirectory.open(dataDirectory.index())),
        CACHED_SEGMENT_MB, CACHED_MB);
    IndexWriterConfig config = new IndexWriterConfig();
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setIndexSort(TIME_DESCENDING);
    config.setRAMBufferSizeMB(64);
    // a flushed segment stays as its files instead of being copied once more into a compound file: fewer bytes
    // written per event indexed (benchmarks/RESULTS.md, issue 15); merged segments follow the merge policy as before
    config.setUseCompoundFile(false);
    config.setCommitOnClose(false);
    // Lucene 10's merge policy merges the small segments a refresh flushed and makes the refresh wait up to 500 ms
    // for it: a refresh of the writer view must not wait for a merge (they run in the background as any other)
    config.setMaxFullFlushMergeWaitMillis(0);
    try {
      Instant previousCommit = lastCommitTime(dataDirectory, directory);
      return new EventIndex(dataDirectory, directory, new IndexWriter(directory, config), previousCommit);
    } catch (LockObtainFailedException locked) {
      directory.close();
      throw new DataDirectoryInUseException("data folder " + dataDirectory.root()
          + " is in use by another smtptrail index or tail process" + dataDirectory.writerPid()
              .map(pid -> " (PID " + pid + ")").orElse(""), locked);
    } catch (IOException unwritable) {
      directory.close();
      throw DataFolderWriteException.isDiskFull(unwritable)
          ? DataFolderWriteException.of(dataDirectory.root(), unwritable) : unwritable;
    }
  }

  /** When the last writer committed (the newest commit point's file time), or null for a new index. */
  private static Instant lastCommitTime(DataDirectory dataDirectory, Directory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return null;
    }
    String segments = SegmentInfos.getLastCommitSegmentsFileName(directory);
    return Files.getLastModifiedTime(dataDirectory.index().resolve(segments)).toInstant();
  }

  @Override
  public Instant previousCommitTime() {
    return previousCommit;
  }

  @Override
  public FileWrites fileWrites(String fileId) {
    return new EventDocuments(fileId);
  }

  @Override
  public StoreWrite rows(String key, List<RowFacts> rows, boolean replacing) {
    List<Document> documents = new ArrayList<>(rows.size());
    for (RowFacts row : rows) {
      documents.add(RowDocuments.toDocument(row));
    }
    return new LuceneWrite.ReplaceRows(key, documents, replacing);
  }

  /**
   * Applies a write this index prepared.
   *
   * @throws DataFolderWriteException when Lucene could not write (it may flush a segment on any add)
   */
  @Override
  public void apply(StoreWrite write) throws IOException {
    try {
      switch ((LuceneWrite) write) {
        case LuceneWrite.AddEvents events -> writer.addDocument(events.document());
        case LuceneWrite.ReplaceRows rows -> {
          if (rows.replacing()) {
            writer.deleteDocuments(new Term(RowSchema.KEY, rows.key()));
          }
          for (Document row : rows.rows()) { // one by one: addDocuments makes a block, which a sorted index refuses
            writer.addDocument(row);
          }
        }
      }
    } catch (IOException | AlreadyClosedException failed) {
      throw DataFolderWriteException.of(dataDirectory.root(), failed);
    }
  }

  /**
   * Deletes the events read from a file at or after an offset, before that part is read again: lines indexed after
   * the last checkpoint (a crash between index commit and checkpoint), or a last line that was unfinished then. A
   * document whose events start before the offset and end after it is replaced by one of its events before it.
   *
   * @return the keys of the messages that lose events (their stored rows must be computed again)
   */
  @Override
  public Set<String> deleteFrom(String fileId, long offset) throws IOException {
    try {
      Query atOrAfter = new BooleanQuery.Builder()
          .add(new TermQuery(new Term(EventSchema.FILE_ID, fileId)), BooleanClause.Occur.FILTER)
          .add(LongPoint.newRangeQuery(EventSchema.OFFSET, offset, Long.MAX_VALUE), BooleanClause.Occur.FILTER)
          .build();
      Map<String, List<LogEvent>> kept = EventStore.over(recentReader()).eventsBefore(atOrAfter, offset);
      writer.deleteDocuments(atOrAfter);
      EventDocuments documents = new EventDocuments(fileId);
      for (Map.Entry<String, List<LogEvent>> message : kept.entrySet()) {
        if (!message.getValue().isEmpty()) {
          writer.addDocument(documents.toDocument(message.getKey(), message.getValue()));
        }
      }
      return kept.keySet();
    } catch (IOException | AlreadyClosedException failed) {
      throw DataFolderWriteException.of(dataDirectory.root(), failed);
    }
  }

  @Override
  public boolean rowsCurrent() {
    return rowsCurrent;
  }

  @Override
  public void markRowsCurrent() {
    Map<String, String> data =
        writer.getLiveCommitData() == null ? new HashMap<>() : liveCommitData();
    data.put(RowSchema.VERSION_KEY, RowSchema.VERSION);
    writer.setLiveCommitData(data.entrySet());
    rowsCurrent = true;
  }

  @Override
  public void deleteAllRows() throws IOException {
    try {
      writer.deleteDocuments(new Term(RowSchema.TYPE, RowSchema.ROW));
    } catch (IOException | AlreadyClosedException failed) {
      throw DataFolderWriteException.of(dataDirectory.root(), failed);
    }
  }

  /**
   * {@inheritDoc} Lucene's near-real-time reader, reopened when the index changed since the last call: opening it
   * writes the buffered documents as a new segment.
   */
  @Override
  public WrittenSoFar writtenSoFar() throws IOException {
    return EventStore.holding(recentReader());
  }

  /**
   * A reader that sees everything added and deleted so far, committed or not (Lucene's near-real-time reader),
   * reopened when the index changed since the last call. Owned by this index: do not close it.
   */
  DirectoryReader recentReader() throws IOException {
    try {
      if (recent == null) {
        recent = DirectoryReader.open(writer);
      } else {
        DirectoryReader newer = DirectoryReader.openIfChanged(recent, writer);
        if (newer != null) {
          recent.close();
          recent = newer;
        }
      }
      return recent;
    } catch (IOException | AlreadyClosedException failed) {
      throw DataFolderWriteException.of(dataDirectory.root(), failed);
    }
  }

  /**
   * The view of this writer that other threads of the process search ({@code serve --tail}), opened on first use:
   * refreshed by the writing thread, closed with the index.
   */
  @Override
  public synchronized WriterView freshView() throws IOException {
    if (view == null) {
      try {
        view = new WriterView(writer);
      } catch (IOException | AlreadyClosedException failed) {
        throw DataFolderWriteException.of(dataDirectory.root(), failed);
      }
    }
    return view;
  }

  @Override
  public void commit() throws IOException {
    try {
      writer.commit();
      dataDirectory.restrictIndexFiles();
    } catch (IOException | AlreadyClosedException failed) {
      // Lucene's commit is all or nothing: the previous commit is still the one readers and a re-run see
      throw DataFolderWriteException.of(dataDirectory.root(), failed);
    }
  }

  /** Closes without committing: whatever was not committed is read again next time. */
  @Override
  public void close() throws IOException {
    try {
      if (view != null) {
        view.close(); // requests under way keep their readers until they hand them back
      }
    } finally {
      try {
        if (recent != null) {
          recent.close();
        }
        writer.rollback();
      } finally {
        directory.close();
      }
    }
  }
}
