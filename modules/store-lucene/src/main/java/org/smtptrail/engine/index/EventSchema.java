package org.smtptrail.engine.index;

import org.smtptrail.engine.store.EventCodec;

/**
 * Every Lucene field name smtptrail uses, once. All text fields are exact terms (no analysis). An event document holds
 * one or more events of one message read from one file ({@link EventDocuments}); its terms are those of all its
 * events.
 */
public final class EventSchema {
  /** Content fingerprint of the file an event was read from. */
  public static final String FILE_ID = "file_id";
  /**
   * Byte offset of the line of the document's last event in that file: with {@link #FILE_ID}, what lets a resumed
   * read delete the events of lines it is about to read again.
   */
  public static final String OFFSET = "offset";
  /** The correlated message key ("postfix:mx1:3F2A81C0D2"). */
  public static final String KEY = "key";
  /** The format's own id (queue id, LCID), lower case. */
  public static final String LOCAL_ID = "local_id";
  /** Recipient and original recipient, normalized (multi-valued). */
  public static final String RECIPIENT = "recipient";
  /** The recipient's domain and every parent domain, so "example.net" finds "mx.example.net" too. */
  public static final String RECIPIENT_DOMAIN = "recipient_domain";
  /** Envelope sender, normalized. */
  public static final String SENDER = "sender";
  /** Message-ID without brackets. */
  public static final String MESSAGE_ID = "message_id";
  /**
   * Event time in epoch milliseconds: a point per event for ranges, and the latest as doc values for sorting (the
   * index sort) and for ranges next to a selective clause.
   */
  public static final String TIME = "time";
  /** The earliest event time, as doc values, in a document of several events that do not all have the same time. */
  public static final String FIRST_TIME = "time_first";
  /** How many events a document holds, as doc values, when more than one. */
  public static final String EVENTS = "events";
  /** The event's record name ("DeliveryAttempt"). */
  public static final String KIND = "kind";
  public static final String HOST = "host";
  /** Each event whole, stored (compact binary, see {@link EventCodec}; JSON in indexes of before issue 15). */
  public static final String EVENT = "event";

  private EventSchema() {}
}
