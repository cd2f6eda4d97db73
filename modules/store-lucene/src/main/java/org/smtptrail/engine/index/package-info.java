/**
 * The Lucene index: the events, a document per message and file, append-only, and the stored verdict rows beside
 * them. {@link org.smtptrail.engine.index.EventSchema} names every field once, {@link
 * org.smtptrail.engine.index.EventDocuments} builds documents, {@link org.smtptrail.engine.index.EventIndex} writes
 * and {@link org.smtptrail.engine.index.EventStore} reads.
 */
package org.smtptrail.engine.index;
