/** SMTP replies as logs show them: the three-digit code, the RFC 3463 enhanced status code and the text. */
package org.smtptrail.core.smtp;
