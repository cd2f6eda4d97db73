package org.smtptrail.engine.index;

import java.io.Closeable;
import java.io.IOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
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

  private EventIndex(DataDirectory dataDirectory, Directory directory, IndexWriter writer) {
    this.dataDirectory = dataDirectory;
    this.directory = directory;
    this.writer = writer;
  }

  /**
   * Opens (creating if needed) the index of a data folder for writing.
   *
   * @throws DataDirectoryInUseException when another process holds the write lock
   */
  public static EventIndex openForWriting(DataDirectory dataDirectory) throws IOException {
    dataDirectory.create();
    Directory directory = FSDirectory.open(dataDirectory.index());
    IndexWriterConfig config = new IndexWriterConfig();
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setIndexSort(TIME_DESCENDING);
    config.setRAMBufferSizeMB(64);
    config.setCommitOnClose(false);
    try {
      return new EventIndex(dataDirectory, directory, new IndexWriter(directory, config));
    } catch (LockObtainFailedException locked) {
      directory.close();
      throw new DataDirectoryInUseException("data folder " + dataDirectory.root()
          + " is in use by another smtptrail index or tail process" + dataDirectory.writerPid()
              .map(pid -> " (PID " + pid + ")").orElse(""), locked);
    }
  }

  public void add(Document document) throws IOException {
    writer.addDocument(document);
  }

  /**
   * Deletes the events read from a file at or after an offset, before that part is read again: lines indexed after
   * the last checkpoint (a crash between index commit and checkpoint), or a last line that was unfinished then.
   */
  public void deleteFrom(String fileId, long offset) throws IOException {
    writer.deleteDocuments(new BooleanQuery.Builder()
        .add(new TermQuery(new Term(EventSchema.FILE_ID, fileId)), BooleanClause.Occur.FILTER)
        .add(LongPoint.newRangeQuery(EventSchema.OFFSET, offset, Long.MAX_VALUE), BooleanClause.Occur.FILTER)
        .build());
  }

  /** Makes everything added so far durable and visible to readers. */
  public void commit() throws IOException {
    writer.commit();
    dataDirectory.restrictIndexFiles();
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
