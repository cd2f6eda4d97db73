/**
 * The events a log line can tell: a closed set of records under the sealed {@link org.smtptrail.core.event.LogEvent},
 * each carrying only the fields its kind has, plus the common {@link org.smtptrail.core.event.EventHeader}.
 */
package org.smtptrail.core.event;
