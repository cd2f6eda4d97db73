package org.smtptrail.store.opensearch;

/**
 * The fields of a verdict row document in OpenSearch, once: one document per (message, recipient), the same facts as
 * the local store's rows (engine's {@code RowSchema} and {@code RowFacts}), rewritten whenever an event of its message
 * arrives. Names follow ECS where ECS has one; the rest are under {@code smtptrail.}.
 */
public final class RowFields {
  /** The row's last event, epoch milliseconds (the sort key, newest first). */
  public static final String TIMESTAMP = "@timestamp";
  /** The message's first event, epoch milliseconds (what {@code --until} compares). */
  public static final String FIRST_SEEN = "event.start";
  /** The earliest last event among the message's rows: whether a {@code --since} cuts the message in two. */
  public static final String MESSAGE_LAST_MIN = "smtptrail.message_last_min";
  /** The message key. */
  public static final String KEY = "smtptrail.key";
  /** The recipient and its original recipients, normalized. */
  public static final String RECIPIENT = "email.to.address";
  /** The domains of those addresses and every parent domain. */
  public static final String RECIPIENT_DOMAIN = "smtptrail.recipient_domain";
  /** The envelope sender, normalized. */
  public static final String SENDER = "email.from.address";
  /** The verdict's name ("HANDED_OVER"). */
  public static final String VERDICT = "smtptrail.verdict";
  /**
   * The verdict in ECS's words: "success" (handed over, delivered locally), "failure" (bounced, expired, rejected,
   * discarded) or "unknown" (deferred, unknown), for dashboards that know only ECS.
   */
  public static final String OUTCOME = "event.outcome";
  /** Whether the server forwarded this recipient's copy (alias, .forward). */
  public static final String FORWARDED = "smtptrail.forwarded";
  public static final String ATTEMPTS = "smtptrail.attempts";
  public static final String DEFERRALS = "smtptrail.deferrals";
  /** The message's size in bytes, -1 when not logged. */
  public static final String SIZE = "smtptrail.size";
  /** The message's "received" events. */
  public static final String RECEIVED = "smtptrail.received";
  /** Which row of its message (and of its group) counts the message in {@code stats} (the query side's bits). */
  public static final String FLAGS = "smtptrail.flags";
  /** The groups of {@code stats --by}; "(none)" when the row lacks one, as the local store writes them. */
  public static final String GROUP_DOMAIN = "smtptrail.group.domain";
  public static final String GROUP_RELAY = "smtptrail.group.relay";
  public static final String GROUP_CATEGORY = "smtptrail.group.category";
  public static final String GROUP_HOST = "smtptrail.group.host";
  /** The mail server, when known (the group's "(none)" is left out here): ECS's name for dashboards. */
  public static final String HOST = "host.name";
  /** The log format ("postfix"). */
  public static final String FORMAT = "smtptrail.format";

  private RowFields() {}
}
