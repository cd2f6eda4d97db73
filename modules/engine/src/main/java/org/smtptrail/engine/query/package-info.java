/**
 * Queries: {@link org.smtptrail.engine.query.TraceQuery} holds the filters, {@link
 * org.smtptrail.engine.query.TraceSearcher} finds the messages among the stored rows and answers with their rows,
 * verdicts decided by {@link org.smtptrail.engine.verdict} and journeys followed by {@link
 * org.smtptrail.engine.journey}; {@link org.smtptrail.engine.query.StatsSearcher} counts the stored rows over the
 * whole store. Both ask a {@link org.smtptrail.engine.store.StoreReader}, never a search engine.
 */
package org.smtptrail.engine.query;
