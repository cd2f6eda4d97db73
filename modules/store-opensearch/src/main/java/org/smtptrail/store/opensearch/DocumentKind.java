package org.smtptrail.store.opensearch;

/**
 * The two kinds of document the store holds, each in indices of its own: the events (evidence) and the verdict rows.
 * Kept apart so that a query for one never matches the other, and each has a mapping that holds only its fields.
 */
public enum DocumentKind {
  EVENTS("events"),
  ROWS("rows");

  private final String word;

  DocumentKind(String word) {
    this.word = word;
  }

  /** The kind's word in index, alias and template names ("events"). */
  public String word() {
    return word;
  }
}
