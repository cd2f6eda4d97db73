package org.smtptrail.engine.store;

/** The property of a stored row that a scan hands over as its group ({@link StoredRow#group()}). */
public enum RowGroup {
  /** {@link RowFacts#groupDomain()}. */
  DOMAIN,
  /** {@link RowFacts#groupRelay()}. */
  RELAY,
  /** {@link RowFacts#groupCategory()}. */
  CATEGORY,
  /** {@link RowFacts#groupHost()}. */
  HOST,
  /** {@link RowFacts#verdict()}, by name. */
  VERDICT
}
