package org.smtptrail.core.event;

/** Why one message's journey continues under another local id. */
public enum LinkReason {
  /** A non-delivery report was sent to the sender as the linked message. */
  NON_DELIVERY_NOTICE,
  /** A delay warning was sent to the sender as the linked message. */
  DELAY_NOTICE,
  /** A success notification (DSN NOTIFY=SUCCESS) was sent as the linked message. */
  SUCCESS_NOTICE,
  /** The recipient was forwarded (alias, .forward) and travels on as the linked message. */
  FORWARDED,
  /** The same message was put back in the queue (content filter, re-injection) under the linked id. */
  REQUEUED,
  /** Another id of the same message on the same server (an inbound session id and its queue id). */
  SAME_MESSAGE
}
