/**
 * Where a verdict is decided: {@link org.smtptrail.engine.verdict.VerdictEngine} turns one message's events into
 * {@link org.smtptrail.engine.verdict.DeliveryRow}s, one per recipient, with the evidence behind each; {@link
 * org.smtptrail.engine.verdict.MessageRows} turns them into the stored rows the index keeps (with the group and the
 * flags stats counts them by), which the write path calls for every message it changes. Nothing here reads the index
 * or knows a query.
 */
package org.smtptrail.engine.verdict;
