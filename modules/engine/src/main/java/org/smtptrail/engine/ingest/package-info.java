/**
 * Batch ingest: {@link org.smtptrail.engine.ingest.Ingester} reads files and folders (plain, rotated, gzip) in
 * rotation order, sniffs their format, correlates events into message keys ({@link
 * org.smtptrail.engine.ingest.Correlator}) and appends them to the index with checkpoints.
 */
package org.smtptrail.engine.ingest;
