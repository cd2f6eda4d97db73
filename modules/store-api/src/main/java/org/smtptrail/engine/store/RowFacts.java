package org.smtptrail.engine.store;

import java.util.Set;
import org.smtptrail.core.verdict.Verdict;

/**
 * What a stored verdict row holds: the row's verdict, the terms that find it (key, addresses, sender), and the
 * figures {@code stats} counts without reading events. Addresses and group values are normalized as the query side
 * expects them.
 *
 * @param key            the message key
 * @param addresses      the recipient and its original recipients, normalized (empty: recipient not known yet)
 * @param sender         the envelope sender, normalized, or null
 * @param verdict        the row's own verdict (before a forward or a journey is followed)
 * @param forwarded      whether the server forwarded this recipient's copy (alias, .forward)
 * @param firstSeen      the message's first event, epoch milliseconds ({@link Long#MIN_VALUE}: no time)
 * @param lastEvent      the row's last event, epoch milliseconds ({@link Long#MIN_VALUE}: no time)
 * @param messageLastMin the earliest {@code lastEvent} of the message's rows
 * @param attempts       the row's delivery attempts
 * @param deferrals      the row's temporarily failed attempts
 * @param size           the message's size in bytes, -1 when not logged
 * @param received       the message's "received" events
 * @param flags          bits the query side defines (which row counts its message once, per group)
 * @param groupDomain    the recipient's domain, {@link #NONE} when none
 * @param groupRelay     the deciding relay (the client, for a rejection), {@link #NONE} when none
 * @param groupCategory  the diagnosis category, {@link #NONE} when none
 * @param groupHost      the server, {@link #NONE} when none
 * @param format         the log format
 */
public record RowFacts(
    String key,
    Set<String> addresses,
    String sender,
    Verdict verdict,
    boolean forwarded,
    long firstSeen,
    long lastEvent,
    long messageLastMin,
    int attempts,
    long deferrals,
    long size,
    int received,
    int flags,
    String groupDomain,
    String groupRelay,
    String groupCategory,
    String groupHost,
    String format) {

  /**
   * The version of the rows' rules that this build decides rows by, which a store records with its rows: a store
   * whose rows another version decided has them decided again from its events ({@link StoreWriter#rowsCurrent()}).
   * 2: issue 26, the diagnosis categories and hints by direction, LMTP filter handovers, a refusal at a stage that
   * names no recipient is REJECTED, the DISCARDED verdict, and no row for an address-verification probe.
   */
  public static final String RULES_VERSION = "2";

  /** The group of rows that lack a property (the same word {@code stats} prints). */
  public static final String NONE = "(none)";

  public RowFacts {
    addresses = Set.copyOf(addresses);
  }
}
