/** The smtptrail engine: index ({@code index}), ingest ({@code ingest}) and queries with verdicts ({@code query}). */
package org.smtptrail.engine;
