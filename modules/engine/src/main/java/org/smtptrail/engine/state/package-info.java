/**
 * Persistent state beside the index, off the heap in Chronicle Map files: {@link
 * org.smtptrail.engine.state.Checkpoints} (how far each file was indexed) and {@link
 * org.smtptrail.engine.state.InFlightMessages} (correlation of messages in flight). Only this package knows Chronicle.
 */
package org.smtptrail.engine.state;
