package org.smtptrail.core.verdict;

import java.util.Locale;

/** Why a delivery failed or is pending, in the terms a support desk uses, with what to tell the customer. */
public enum DiagnosisCategory {
  RECIPIENT_UNKNOWN(
      "the receiving server says the address does not exist; check the spelling of the address with the sender"),
  MAILBOX_FULL("the recipient's mailbox is over quota; the recipient must free space, then the sender can resend"),
  BLOCKED_OR_BLACKLISTED(
      "the recipient's server refuses our server or domain (blocklist or policy); check our IP on the named list"
          + " and request delisting, or ask the recipient's admins to allow us"),
  SPAM_CONTENT(
      "the recipient's server judged the content as spam or unsafe; ask the sender to remove links or attachments"
          + " and resend"),
  DNS_MX_FAILURE(
      "the recipient's domain has no usable mail server in DNS (no MX / host not found); check the domain's spelling,"
          + " or the domain's owner must fix its DNS"),
  CONNECTION_FAILURE(
      "our server could not reach the recipient's mail server (refused, timed out or unreachable); it retries by"
          + " itself; if it persists, check our outbound port 25 and the remote server's state"),
  TLS_FAILURE("the TLS handshake with the recipient's server failed; check certificates and TLS policy on both sides"),
  GREYLISTED("the recipient's server asked to retry later (greylisting); nothing to do, the retry normally succeeds"),
  RELAY_DENIED_OR_AUTH(
      "the message was refused for lack of authentication or permission to relay (SMTP AUTH, SPF/DKIM/DMARC);"
          + " check the sender's account and our domain's SPF/DKIM records"),
  MESSAGE_TOO_LARGE("the message is larger than the recipient's server accepts; send smaller attachments or a link"),
  RATE_LIMITED(
      "the recipient's server is throttling us (too many messages or connections); it retries by itself; reduce the"
          + " sending rate if it persists"),
  REVERSE_DNS("the recipient's server refuses our IP because its reverse DNS (PTR) is missing or does not match"),
  OTHER("see the reply text; no common cause recognised");

  private final String hint;

  DiagnosisCategory(String hint) {
    this.hint = hint;
  }

  /** The name used on the command line and in JSON: "recipient-unknown", "mailbox-full", ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** One line a support agent can act on. */
  public String hint() {
    return hint;
  }

  /** The category of that wire name (or enum name), case-insensitive. */
  public static DiagnosisCategory fromWireName(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
