/**
 * The OpenSearch store behind the engine's store contract: {@link org.smtptrail.store.opensearch.OpenSearchStore}
 * opens a writer (bulk requests of documents with ids derived from their content, so a replay overwrites) and a
 * reader (term, terms, range and wildcard queries on the read aliases, never a query language); and the layout of
 * its indices (index templates with strict mappings, monthly indices behind a read and a write alias per kind of
 * document, a retention policy), created and updated idempotently by
 * {@link org.smtptrail.store.opensearch.StoreLayout}.
 *
 * <p>The main classes of interest: {@link org.smtptrail.store.opensearch.OpenSearchStore},
 * {@link org.smtptrail.store.opensearch.StoreAddress}, {@link org.smtptrail.store.opensearch.StoreLayout},
 * {@link org.smtptrail.store.opensearch.LayoutSettings}, {@link org.smtptrail.store.opensearch.LayoutChange},
 * {@link org.smtptrail.store.opensearch.IndexNames}, {@link org.smtptrail.store.opensearch.EventFields} and
 * {@link org.smtptrail.store.opensearch.RowFields}. Inside: {@code OpenSearchWriter} with {@code BulkWriter},
 * {@code EventSources} and {@code RowSources} (documents and their ids, {@code DocumentIds}); {@code OpenSearchReader}
 * with {@code RowQueries}, {@code Scroll} and {@code SourceRow}; {@code OpenSearchView} (the fresh view);
 * {@code StoreState} (rows' version, each agent's last commit); {@code StoreConnection} with {@code StoreRequests}
 * and {@code StoreRetries} (which faults a writer waits out, and for how long).
 */
package org.smtptrail.store.opensearch;
