/**
 * The format SPI of smtptrail: a {@link org.smtptrail.core.LogFormat} recognises a log and creates a
 * {@link org.smtptrail.core.LineParser}, which turns {@link org.smtptrail.core.event.SourceLine}s into
 * {@link org.smtptrail.core.event.LogEvent}s. Formats are found with {@link org.smtptrail.core.LogFormats}.
 */
package org.smtptrail.core;
