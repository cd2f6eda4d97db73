/**
 * The smtptrail engine: {@code ingest} (reading files, batch and tail), {@code state} (checkpoints, messages in
 * flight), {@code verdict} (where a verdict is decided), {@code journey} (rows followed across our servers),
 * {@code query} (trace and stats) and {@code index} (the Lucene index).
 */
package org.smtptrail.engine;
