package org.smtptrail.core.verdict;

/** The fate of one recipient of one message, as DESIGN.md defines it. */
public enum Verdict {
  /** A remote SMTP server accepted the recipient. */
  HANDED_OVER,
  /** Stored in a local mailbox. */
  DELIVERED_LOCALLY,
  /** Not delivered yet; the last attempt failed temporarily. */
  DEFERRED,
  /** Refused for good, or given up. */
  BOUNCED,
  /** Deferred until the queue lifetime ran out. */
  EXPIRED,
  /** Refused before it was queued. */
  REJECTED,
  /** Accepted, then thrown away on purpose (a discard transport, a content check or an access rule). */
  DISCARDED,
  /** Lines exist but do not decide it. */
  UNKNOWN;

  /** True for the verdicts that call for a diagnosis. */
  public boolean isFailureOrPending() {
    return this == DEFERRED || this == BOUNCED || this == EXPIRED || this == REJECTED;
  }
}
