package org.smtptrail.engine.index;

import java.util.List;
import org.apache.lucene.document.Document;
import org.smtptrail.engine.store.StoreWrite;

/** The writes of the local Lucene store, built on the reading thread and applied by {@link EventIndex#apply}. */
sealed interface LuceneWrite extends StoreWrite {
  /** One document of events. */
  record AddEvents(Document document) implements LuceneWrite {}

  /** The rows of a message, its old rows deleted first when {@code replacing}. */
  record ReplaceRows(String key, List<Document> rows, boolean replacing) implements LuceneWrite {}
}
