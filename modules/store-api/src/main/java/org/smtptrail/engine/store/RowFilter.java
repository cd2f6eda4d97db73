package org.smtptrail.engine.store;

import java.time.Instant;
import java.util.Set;
import org.smtptrail.core.verdict.Verdict;

/**
 * Which stored rows a query asks a store for, in the product's words: every filter given must hold (null: no filter).
 * A store answers with exact terms and ranges over the fields {@link RowFacts} names, never with a query language, so
 * what a user typed cannot become syntax.
 *
 * @param keys           the messages the rows belong to (null: any message; empty: none)
 * @param recipient      the row's recipient or one of its original recipients fits this pattern
 * @param sender         the message's envelope sender fits this pattern
 * @param domain         the recipient's domain is this one (lower case, without "@") or one below it
 * @param verdict        the row's own verdict
 * @param since          the row's last event is at or after this time
 * @param until          the message's first event is at or before this time
 * @param keepForwarded  a forwarded row (its copy decides its verdict and times) passes {@code verdict}, {@code since}
 *                       and {@code until} whatever its own values
 */
public record RowFilter(
    Set<String> keys,
    AddressPattern recipient,
    AddressPattern sender,
    String domain,
    Verdict verdict,
    Instant since,
    Instant until,
    boolean keepForwarded) {

  /** Every row. */
  public static final RowFilter ALL = new RowFilter(null, null, null, null, null, null, null, false);

  public RowFilter {
    keys = keys == null ? null : Set.copyOf(keys);
  }

  /** The rows whose last event is at or after {@code since} and whose message began at or before {@code until}. */
  public static RowFilter between(Instant since, Instant until) {
    return new RowFilter(null, null, null, null, null, since, until, false);
  }

  /** Whether the filter has a time bound. */
  public boolean hasTimeRange() {
    return since != null || until != null;
  }
}
