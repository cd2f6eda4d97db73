package org.smtptrail.core.event;

/**
 * The message is in the queue with its envelope sender.
 *
 * @param sender         envelope sender, "" for the null sender of a bounce
 * @param size           size in bytes, or -1 when not logged
 * @param recipientCount number of recipients, or -1 when not logged
 */
public record Queued(EventHeader header, String sender, long size, int recipientCount) implements LogEvent {}
