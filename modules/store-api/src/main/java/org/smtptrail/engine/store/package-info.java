/**
 * The store contract, in the product's words: {@link org.smtptrail.engine.store.StoreReader} is what the query
 * layer, journeys and {@code serve} ask of a store (rows by a {@link org.smtptrail.engine.store.RowFilter}, newest
 * first; the figures of rows for {@code stats}; the events of messages; messages by id), and
 * {@link org.smtptrail.engine.store.RowFacts} is what a stored row holds; {@link
 * org.smtptrail.engine.store.StoreWriter} is what reading logs asks, and {@link org.smtptrail.engine.store.EventCodec}
 * the bytes an event is kept as, whatever the store. No search engine's type crosses it
 * (ArchitectureTest checks), so the local Lucene folder ({@code engine.index}) and a second store answer alike.
 */
package org.smtptrail.engine.store;
