/**
 * Postfix logs: {@link org.smtptrail.format.postfix.PostfixFormat} is the registered format; the parsing lives in
 * the package-private {@code PostfixLineParser} and {@code SyslogHeader}.
 */
package org.smtptrail.format.postfix;
