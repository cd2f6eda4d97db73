/**
 * Queries: {@link org.smtptrail.engine.query.TraceQuery} holds the filters, {@link
 * org.smtptrail.engine.query.TraceSearcher} finds the messages, and {@link org.smtptrail.engine.query.VerdictEngine}
 * turns each message's events into {@link org.smtptrail.engine.query.DeliveryRow}s, one per recipient; {@link
 * org.smtptrail.engine.query.StatsSearcher} counts those rows over the whole index, one message at a time.
 */
package org.smtptrail.engine.query;
