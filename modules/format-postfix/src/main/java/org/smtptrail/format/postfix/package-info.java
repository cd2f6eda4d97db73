/**
 * Postfix logs: {@link org.smtptrail.format.postfix.PostfixFormat} is the registered format; the parsing lives in
 * the package-private {@code PostfixLineParser}, on top of core's syslog prefix reader.
 */
package org.smtptrail.format.postfix;
