/**
 * Xeams' outbound logs: {@link org.smtptrail.format.xeams.XeamsFormat} is the registered format. The package-private
 * {@code XeamsLineParser} joins continuation lines into records and hands each to the reader of its log
 * ({@code OutboundConversations} for SMTPOutboundConversation.log, {@code AuditTrails} for
 * OutboundAuditTrailSuccess/Failure.log, {@code QueueLines} for SmtpQueue.log); {@code TransactionLinks} ties the four
 * files' lines to one message key. The layouts, and which parts of them are verified, are described in
 * {@code shared/formats/xeams.md}.
 */
package org.smtptrail.format.xeams;
