package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.smtptrail.engine.store.StoreWrite;

/** The writes of the OpenSearch store, built on the reading thread and applied by {@link OpenSearchWriter#apply}. */
sealed interface OpenSearchWrite extends StoreWrite {
  /**
   * One document, written under its id into its monthly index.
   *
   * @param index  the monthly index, from a time that never changes for this id (a replay hits the same index)
   * @param id     the document's id, the same whenever the same document is written again
   * @param source the document as JSON
   */
  record Document(String index, String id, ObjectNode source) {}

  /** A document of events. */
  record AddEvents(Document document) implements OpenSearchWrite {}

  /** The rows of a message; its other rows are deleted when {@code replacing}. */
  record ReplaceRows(String key, List<Document> rows, boolean replacing) implements OpenSearchWrite {}
}
