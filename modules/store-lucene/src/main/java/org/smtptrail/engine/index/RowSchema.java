package org.smtptrail.engine.index;

import org.smtptrail.engine.store.RowFacts;

/**
 * The fields of the stored verdict rows: one document per (message, recipient) beside the event documents, replaced
 * whenever an event of its message arrives. Their names differ from the events' ({@link EventSchema}), so an event
 * query never matches a row; only {@link EventSchema#TIME} is shared (a row's time is its last event), so rows sort
 * newest first by the same index sort.
 */
public final class RowSchema {
  /** Marks a row document ({@value #ROW}); events do not have the field. */
  public static final String TYPE = "doc_type";
  public static final String ROW = "row";
  /**
   * The message key, as a term (what deletes a message's rows, and finds them by key) and as doc values. Rows written
   * before issue 15's last step also had a message's local ids and Message-IDs as terms; nothing reads them now.
   */
  public static final String KEY = "row_key";
  /** The recipient and its original recipients, normalized. */
  public static final String ADDRESS = "row_address";
  /** The domains of those addresses and their parents. */
  public static final String ADDRESS_DOMAIN = "row_address_domain";
  public static final String SENDER = "row_sender";
  /** The verdict's name, as a term for {@code --status} and as sorted doc values for {@code stats}. */
  public static final String VERDICT = "row_verdict";
  /** "1" on rows the server forwarded (alias, .forward): their verdict is the forwarded copy's, decided elsewhere. */
  public static final String FORWARDED = "row_forwarded";
  /** The message's first event, epoch milliseconds, as doc values (for {@code --until}). */
  public static final String FIRST_SEEN = "row_first_seen";
  /** The earliest last event among the message's rows: whether a {@code --since} cuts the message in two. */
  public static final String MESSAGE_LAST_MIN = "row_message_last_min";
  public static final String ATTEMPTS = "row_attempts";
  public static final String DEFERRALS = "row_deferrals";
  /** The message's size in bytes, -1 when not logged. */
  public static final String SIZE = "row_size";
  /** The message's "received" events. */
  public static final String RECEIVED = "row_received";
  /** {@link RowFacts#flags()}: which row of its message (and of its group) counts the message in {@code stats}. */
  public static final String FLAGS = "row_flags";
  /** The groups of {@code stats --by}, as sorted doc values ({@link RowFacts#NONE} when absent). */
  public static final String GROUP_DOMAIN = "row_group_domain";
  public static final String GROUP_RELAY = "row_group_relay";
  public static final String GROUP_CATEGORY = "row_group_category";
  public static final String GROUP_HOST = "row_group_host";
  /** The log format, as sorted doc values. */
  public static final String FORMAT = "row_format";

  /**
   * Commit user data: the version of the rows' layout or rules this index holds (absent: an index from before rows).
   * An index with another version has its rows rebuilt from its events.
   */
  public static final String VERSION_KEY = "smtptrail.rows";
  public static final String VERSION = RowFacts.RULES_VERSION;

  private RowSchema() {}
}
