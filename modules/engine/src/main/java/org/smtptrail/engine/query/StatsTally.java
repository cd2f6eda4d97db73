package org.smtptrail.engine.query;

import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.store.RowSums;

/** The running counts of one group while a stats pass streams over the messages. */
final class StatsTally {
  private long messages;
  private long rows;
  private long received;
  private long handedOver;
  private long deliveredLocally;
  private long forwarded;
  private long deferred;
  private long messagesDeferred;
  private long deferrals;
  private long bounced;
  private long expired;
  private long rejected;
  private long discarded;
  private long unknown;
  private long bytesReceived;
  private long bytesDelivered;

  /**
   * Counts one message once for this group.
   *
   * @param receivedEvents its "received" events
   * @param size           its size in bytes, or -1 when not logged
   * @param hadDeferral    whether one of its rows in this group had a temporary failure
   */
  void addMessage(int receivedEvents, long size, boolean hadDeferral) {
    messages++;
    received += receivedEvents;
    if (receivedEvents > 0 && size > 0) {
      bytesReceived += size;
    }
    if (hadDeferral) {
      messagesDeferred++;
    }
  }

  /**
   * Counts what a message without rows (an address-verification probe) received: its "received" events and, when it
   * has some, its size; not the message itself, which counts only with a row.
   */
  void addReceivedOnly(int receivedEvents, long size) {
    received += receivedEvents;
    if (receivedEvents > 0 && size > 0) {
      bytesReceived += size;
    }
  }

  /**
   * Counts one row.
   *
   * @param forwardedRow whether the server forwarded this recipient's copy (the verdict is then the copy's)
   * @param rowDeferrals the row's temporarily failed attempts
   * @param size         the message's size in bytes, or -1
   */
  void addRow(Verdict verdict, boolean forwardedRow, long rowDeferrals, long size) {
    rows++;
    deferrals += rowDeferrals;
    if (forwardedRow) {
      forwarded++;
      return;
    }
    switch (verdict) {
      case HANDED_OVER -> handedOver++;
      case DELIVERED_LOCALLY -> deliveredLocally++;
      case DEFERRED -> deferred++;
      case BOUNCED -> bounced++;
      case EXPIRED -> expired++;
      case REJECTED -> rejected++;
      case DISCARDED -> discarded++;
      case UNKNOWN -> unknown++;
    }
    if ((verdict == Verdict.HANDED_OVER || verdict == Verdict.DELIVERED_LOCALLY) && size > 0) {
      bytesDelivered += size;
    }
  }

  /**
   * Counts rows of one kind at once ({@link RowSums}), as {@link #addRow} counts each (none forwarded: a forwarded
   * row is counted from its message's events).
   */
  void addRows(RowSums sums) {
    rows += sums.rows();
    deferrals += sums.deferrals();
    long n = sums.rows();
    switch (sums.verdict()) {
      case HANDED_OVER -> handedOver += n;
      case DELIVERED_LOCALLY -> deliveredLocally += n;
      case DEFERRED -> deferred += n;
      case BOUNCED -> bounced += n;
      case EXPIRED -> expired += n;
      case REJECTED -> rejected += n;
      case DISCARDED -> discarded += n;
      case UNKNOWN -> unknown += n;
    }
    if (sums.verdict() == Verdict.HANDED_OVER || sums.verdict() == Verdict.DELIVERED_LOCALLY) {
      bytesDelivered += sums.sizes();
    }
  }

  /** Counts the messages of rows of one kind, each the first row of its message here, as {@link #addMessage}. */
  void addMessages(RowSums sums, boolean hadDeferral) {
    messages += sums.rows();
    received += sums.received();
    bytesReceived += sums.receivedSizes();
    if (hadDeferral) {
      messagesDeferred += sums.rows();
    }
  }

  StatsCounts counts() {
    return new StatsCounts(messages, rows, received, handedOver, deliveredLocally, forwarded, deferred,
        messagesDeferred, deferrals, bounced, expired, rejected, discarded, unknown, bytesReceived, bytesDelivered);
  }
}
