package org.smtptrail.core.event;

/** Outcome of one delivery attempt for one recipient. */
public enum DeliveryStatus {
  /** Accepted by the next hop (a remote server, or the local store). */
  SENT,
  /** Failed temporarily: it will be retried. */
  DEFERRED,
  /** Failed permanently. */
  BOUNCED,
  /** Given up on after the queue lifetime. */
  EXPIRED
}
