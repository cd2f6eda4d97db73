package org.smtptrail.core.verdict;

/**
 * Which way the refused or failed mail was going, seen from our server: the same words ("blocked using
 * zen.spamhaus.org") call for opposite actions when our server refused a client than when a remote server refused
 * us. The event that decided the verdict tells it: a refusal our server gave while receiving (Postfix smtpd,
 * postscreen, cleanup; Axigen SMTP-IN) is inbound, a failed delivery attempt (smtp, lmtp, local delivery) outbound.
 */
public enum Direction {
  /** Our server refused a client that was sending to it. */
  INBOUND,
  /** A delivery of ours failed: the receiving server refused it, could not be reached, or a local delivery failed. */
  OUTBOUND
}
