/**
 * Masking of credentials before a line becomes evidence: {@link org.smtptrail.core.credentials.Credentials} for what
 * one line shows on its own (password fields, an AUTH command's initial response), and
 * {@link org.smtptrail.core.credentials.SaslExchanges} for what only a dialogue shows (the client's lines after
 * {@code AUTH}). Every format parser applies them to the text of a record before it builds events from it, so no
 * credential is ever indexed, shown or exported.
 */
package org.smtptrail.core.credentials;
