/**
 * The OpenSearch store: the layout of its indices (index templates with strict mappings, monthly indices behind a
 * read and a write alias per kind of document, a retention policy), created and updated idempotently by
 * {@link org.smtptrail.store.opensearch.StoreLayout}.
 *
 * <p>The main classes of interest: {@link org.smtptrail.store.opensearch.StoreLayout},
 * {@link org.smtptrail.store.opensearch.LayoutSettings}, {@link org.smtptrail.store.opensearch.LayoutChange},
 * {@link org.smtptrail.store.opensearch.IndexNames}, {@link org.smtptrail.store.opensearch.EventFields} and
 * {@link org.smtptrail.store.opensearch.RowFields}.
 */
package org.smtptrail.store.opensearch;
