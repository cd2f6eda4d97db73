/**
 * Syslog line prefixes, shared by every format that syslog writes: {@link org.smtptrail.core.syslog.SyslogPrefix}
 * finds timestamp, host and program; {@link org.smtptrail.core.syslog.SyslogClock} dates classic (yearless,
 * zoneless) and RFC 3339 timestamps.
 */
package org.smtptrail.core.syslog;
