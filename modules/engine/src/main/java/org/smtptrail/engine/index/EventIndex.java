package org.smtptrail.engine.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
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
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.smtptrail.engine.DataDirectory;

/**
 * The writing side of the index. Documents are only appended, except that a resumed read first deletes what it will
 * read again ({@link #deleteFrom}); with checkpoints written after each commit this makes a crash at any moment lose
 * nothing and duplicate nothing.
 */
public final class EventIndex implements Closeable {
  /** Newest first: trace lists newest first and can stop early on a sorted index. */
  static final Sort TIME_DESCENDING = new Sort(new SortField(EventSchema.TIME, SortField.Type.LONG, true));

  private final DataDirectory dataDirectory;
  private final Directory directory;
  private final IndexWriter writer;
  private final Instant previousCommit;

  private EventIndex(DataDirectory dataDirectory, Directory directory, IndexWriter writer, Instant previousCommit) {
    this.dataDirectory = dataDirectory;
    this.directory = directory;
    this.writer = writer;
    this.previousCommit = previousCommit;
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
    Directory directory = wrapper.apply(FSDirectory.open(dataDirectory.index()));
    IndexWriterConfig config = new IndexWriterConfig();
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setIndexSort(TIME_DESCENDING);
    config.setRAMBufferSizeMB(64);
    // a flushed segment stays as its files instead of being copied once more into a compound file: fewer bytes
    // written per event indexed (benchmarks/RESULTS.md, issue 15); merged segments follow the merge policy as before
    config.setUseCompoundFile(false);
    config.setCommitOnClose(false);
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

  /**
   * When the previous writer of this data folder last committed, or null when there was none: lines written to the
   * logs after it were not indexed by anyone.
   */
  public Instant previousCommitTime() {
    return previousCommit;
  }

  /**
   * Adds one event document.
   *
   * @throws DataFolderWriteException when Lucene could not write (it may flush a segment on any add)
   */
  public void add(Document document) throws IOException {
    try {
      writer.addDocument(document);
    } catch (IOException | AlreadyClosedException failed) {
      throw DataFolderWriteException.of(dataDirectory.root(), failed);
    }
  }

  /**
   * Deletes the events read from a file at or after an offset, before that part is read again: lines indexed after
   * the last checkpoint (a crash between index commit and checkpoint), or a last line that was unfinished then.
   */
  public void deleteFrom(String fileId, long offset) throws IOException {
    try {
      deleteAtOrAfter(fileId, offset);
    } catch (IOException | AlreadyClosedException failed) {
      throw DataFolderWriteException.of(dataDirectory.root(), failed);
    }
  }

  private void deleteAtOrAfter(String fileId, long offset) throws IOException {
    writer.deleteDocuments(new BooleanQuery.Builder()
        .add(new TermQuery(new Term(EventSchema.FILE_ID, fileId)), BooleanClause.Occur.FILTER)
        .add(LongPoint.newRangeQuery(EventSchema.OFFSET, offset, Long.MAX_VALUE), BooleanClause.Occur.FILTER)
        .build());
  }

  /** Makes everything added so far durable and visible to readers. */
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
      writer.rollback();
    } finally {
      directory.close();
    }
  }
}
