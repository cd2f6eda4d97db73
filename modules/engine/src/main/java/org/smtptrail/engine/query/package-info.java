/**
 * Queries: {@link org.smtptrail.engine.query.TraceQuery} holds the filters, {@link
 * org.smtptrail.engine.query.TraceSearcher} finds the messages, and {@link org.smtptrail.engine.query.VerdictEngine}
 * turns each message's events into {@link org.smtptrail.engine.query.DeliveryRow}s, one per recipient.
 */
package org.smtptrail.engine.query;
