package org.smtptrail.engine.verdict;

import org.smtptrail.core.MailAddresses;
import org.smtptrail.engine.store.RowFacts;
import org.smtptrail.engine.store.RowGroup;

/**
 * What {@code stats --by} breaks the counts down by. Names are lower case because they are the CLI's words. A row
 * without the property (no relay, no category) falls in the group {@value #NONE}.
 */
public enum StatsGroup {
  /** The recipient's domain, lower case. */
  domain,
  /** The relay of the deciding attempt, e.g. "mx.example.net[203.0.113.7]:25" (the client, for a rejection). */
  relay,
  /** The diagnosis category of a failed or pending row. */
  category,
  /** The verdict, as {@code trace} shows it. */
  verdict,
  /** The mail server that logged the message. */
  host;

  /** The group of rows that lack the property. */
  public static final String NONE = RowFacts.NONE;

  /** The stored rows' property of this group. */
  public RowGroup rowGroup() {
    return switch (this) {
      case domain -> RowGroup.DOMAIN;
      case relay -> RowGroup.RELAY;
      case category -> RowGroup.CATEGORY;
      case verdict -> RowGroup.VERDICT;
      case host -> RowGroup.HOST;
    };
  }

  /** The group {@code row} falls in. */
  public String keyOf(DeliveryRow row) {
    String key = switch (this) {
      case domain -> MailAddresses.domainOf(row.recipient());
      case relay -> row.relay();
      case category -> row.category();
      case verdict -> row.verdict().name();
      case host -> row.host();
    };
    return key == null || key.isEmpty() ? NONE : key;
  }
}
