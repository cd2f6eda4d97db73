package org.smtptrail.engine.index;

import java.io.IOException;
import java.util.function.UnaryOperator;
import org.apache.lucene.store.Directory;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.store.FreshView;
import org.smtptrail.engine.store.Store;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.engine.store.StoreWriter;

/**
 * The default store: a Lucene index in the data folder ({@link DataDirectory#index()}), nothing to install, one
 * machine.
 *
 * @param directoryWrapper wraps the index's Lucene directory when writing: how the fault tests make a disk fill up
 *                         at a chosen byte while everything else runs as in production
 */
public record LocalStore(UnaryOperator<Directory> directoryWrapper) implements Store {
  /** The store as a user has it. */
  public static final LocalStore DEFAULT = new LocalStore(UnaryOperator.identity());

  @Override
  public EventIndex openWriter(DataDirectory dataDirectory) throws IOException {
    return EventIndex.openForWriting(dataDirectory, directoryWrapper);
  }

  @Override
  public EventStore openReader(DataDirectory dataDirectory) throws IOException {
    return EventStore.open(dataDirectory);
  }

  @Override
  public LiveIndex openLive(DataDirectory dataDirectory, FreshView writerView) throws IOException {
    return LiveIndex.open(dataDirectory, writerView);
  }
}
