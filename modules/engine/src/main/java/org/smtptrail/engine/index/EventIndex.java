package org.smtptrail.engine.index;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.smtptrail.engine.DataDirectory;

/**
 * The writing side of the index. Documents are only appended; the commit carries the ingest checkpoints as commit
 * user data, so index and checkpoints are always consistent: a crash loses only what was not committed, and that is
 * read again from the checkpoint.
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
      throw new DataDirectoryInUseException(
          "data folder " + dataDirectory.root() + " is in use by another smtptrail index or tail process", locked);
    }
  }

  /** The commit user data of the last commit (checkpoints and correlation state); empty for a new index. */
  public Map<String, String> committedData() throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return Map.of();
    }
    try (DirectoryReader reader = DirectoryReader.open(directory)) {
      return new HashMap<>(reader.getIndexCommit().getUserData());
    }
  }

  public void add(Document document) throws IOException {
    writer.addDocument(document);
  }

  /**
   * Deletes the events of a line read before, which is about to be read again: a last line that was unfinished then,
   * or the first line after a checkpoint, which may have been such a line.
   */
  public void deleteLine(String lineId) throws IOException {
    writer.deleteDocuments(new Term(EventSchema.LINE_ID, lineId));
  }

  /** Makes everything added so far durable together with the given checkpoint data. */
  public void commit(Map<String, String> data) throws IOException {
    writer.setLiveCommitData(data.entrySet());
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
