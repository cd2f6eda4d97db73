package org.smtptrail.store.opensearch;

/**
 * The fields of an event document in OpenSearch, once: the same facts as the local store's event documents (engine's
 * {@code EventSchema}), one document per message and file holding one or more of its events. Names follow ECS where
 * ECS has one, so dashboards made for mail logs can read them; the rest are under {@code smtptrail.}. Addresses, ids
 * and hosts are written normalized (lower case, without brackets), so every text field is an exact keyword.
 */
public final class EventFields {
  /** The latest event time of the document, epoch milliseconds (the sort key, newest first). */
  public static final String TIMESTAMP = "@timestamp";
  /** The earliest event time of the document, epoch milliseconds. */
  public static final String START = "event.start";
  /**
   * Every distinct event time of the document, epoch milliseconds: a time range matches a document when any of its
   * events is in it, as in the local store (its points per event), which {@code @timestamp} and {@code event.start}
   * alone cannot say.
   */
  public static final String TIMES = "smtptrail.times";
  /** How many events the document holds. */
  public static final String EVENT_COUNT = "smtptrail.event_count";
  /** The correlated message key ("postfix:mx1:3F2A81C0D2"); absent for events of no message. */
  public static final String KEY = "smtptrail.key";
  /** The format's own ids (queue id, LCID), lower case. */
  public static final String LOCAL_ID = "smtptrail.local_id";
  /** Recipients and original recipients, normalized (ECS: an array of addresses). */
  public static final String RECIPIENT = "email.to.address";
  /** The recipients' domains and every parent domain, so "example.net" finds "mx.example.net" too. */
  public static final String RECIPIENT_DOMAIN = "smtptrail.recipient_domain";
  /** The envelope sender, normalized. */
  public static final String SENDER = "email.from.address";
  /** Message-IDs without brackets. */
  public static final String MESSAGE_ID = "email.message_id";
  /** The events' record names ("DeliveryAttempt"); ECS's {@code event.kind} is a fixed vocabulary, so not there. */
  public static final String KIND = "smtptrail.kind";
  /** The mail server that logged the events, lower case. */
  public static final String HOST = "host.name";
  /** The file the events were read from. */
  public static final String FILE_PATH = "log.file.path";
  /** The content fingerprint of that file (what a resumed read deletes by, with {@link #OFFSET}). */
  public static final String FILE_ID = "smtptrail.file_id";
  /** The byte offset of the line of the document's last event in that file. */
  public static final String OFFSET = "log.offset";
  /** Each event whole, in the local store's compact binary encoding, base64 in JSON: stored, not searchable. */
  public static final String EVENT = "smtptrail.event";

  private EventFields() {}
}
