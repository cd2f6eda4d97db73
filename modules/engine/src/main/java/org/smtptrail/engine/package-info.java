/**
 * The smtptrail engine: {@code ingest} (reading files, batch and tail), {@code state} (checkpoints, messages in
 * flight), {@code verdict} (where a verdict is decided), {@code journey} (rows followed across our servers),
 * {@code query} (trace and stats), {@code store} (the store contract the queries ask) and {@code index} (the local
 * Lucene store behind it).
 */
package org.smtptrail.engine;
