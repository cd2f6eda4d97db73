package org.smtptrail.engine.store;

/**
 * A write a store prepared ({@link FileWrites#events}, {@link StoreWriter#rows}) and applies later
 * ({@link StoreWriter#apply}): preparing, on the reading thread, turns events into what the store holds (a Lucene
 * document, a JSON source), and applying, on a writing thread, hands it to the store, so the two overlap. Opaque to
 * everyone but the store that made it.
 */
public interface StoreWrite {}
