package org.smtptrail.engine.index;

import java.io.IOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.ReaderManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.smtptrail.engine.store.FreshView;
import org.smtptrail.engine.store.RefreshRounds;

/**
 * The local index as its writer holds it, committed or not (Lucene's near-real-time readers): the {@link FreshView}
 * of the local store. A commit costs an fsync and stays on its own, slower clock (it is what makes the lines
 * durable); a refresh makes them searchable in this process only.
 */
public final class WriterView extends RefreshRounds {
  private final ReaderManager readers;

  WriterView(IndexWriter writer) throws IOException {
    // deletes applied: a message's old verdict rows must not show next to its new ones; not written to disk
    this.readers = new ReaderManager(writer, true, false);
  }

  @Override
  protected void takeIn() throws IOException {
    readers.maybeRefreshBlocking();
  }

  /**
   * A reference to the current reader, to hand back with {@link #release}; null once the writer is gone (its last
   * readers stay usable until released).
   */
  public DirectoryReader acquire() throws IOException {
    try {
      return readers.acquire();
    } catch (AlreadyClosedException gone) {
      return null;
    }
  }

  /** Hands back a reader taken with {@link #acquire()}. */
  public void release(DirectoryReader reader) throws IOException {
    readers.release(reader);
  }

  /** The writer stops: waiting readers are let go, and the view closes once its last reader is handed back. */
  @Override
  public void close() throws IOException {
    super.close();
    readers.close();
  }
}
