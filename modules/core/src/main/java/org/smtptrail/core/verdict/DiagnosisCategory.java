package org.smtptrail.core.verdict;

import java.util.Locale;

/**
 * Why a delivery failed or is pending, in the terms a support desk uses, with what to tell the customer. Each
 * category has two hints: one for mail our server refused while receiving it ({@link Direction#INBOUND}: the cause
 * is on the sender's side or in our own policy) and one for a delivery of ours that failed ({@link
 * Direction#OUTBOUND}: the cause is at the receiving server, or ours as seen by it). Neither says whether anything
 * is retried: that depends on the verdict, and {@link Diagnoses#diagnose} adds it.
 */
public enum DiagnosisCategory {
  RECIPIENT_UNKNOWN(
      "the receiving server says the address does not exist; check the spelling of the address with the sender",
      "our server refused the recipient: no such address here; the sender should check the spelling (if the address"
          + " should exist, add it or its alias here)"),
  MAILBOX_FULL(
      "the recipient's mailbox is over quota; the recipient must free space, then the sender can resend",
      "our server refused it: the recipient's mailbox here is over quota; the recipient must free space, then the"
          + " sender can resend"),
  BLOCKED_OR_BLACKLISTED(
      "the recipient's server refuses our server or domain (blocklist or policy); check our IP on the named list"
          + " and request delisting, or ask the recipient's admins to allow us",
      "our server refused the sending client (its IP or domain is on a blocklist we use, or our policy blocks it);"
          + " the sender's admins must get it off the named list, or we allow the client if it is trusted"),
  SPAM_CONTENT(
      "the recipient's server judged the content as spam or unsafe; ask the sender to remove links or attachments"
          + " and resend",
      "our server judged the content as spam or unsafe and refused it; if it is wanted, the sender can resend"
          + " without the flagged links or attachments, or we allow it in our filter"),
  DNS_MX_FAILURE(
      "the recipient's domain has no usable mail server in DNS (no MX / host not found); check the domain's spelling,"
          + " or the domain's owner must fix its DNS",
      "our server refused it because the domain named in the reply could not be found in DNS; check the domain's"
          + " spelling with the sender, or the domain's owner must fix its DNS"),
  CONNECTION_FAILURE(
      "our server could not reach the recipient's mail server (refused, timed out or unreachable); if it persists,"
          + " check our outbound port 25 and the remote server's state",
      "the connection with the sending client broke off (lost or timed out) before the message was accepted;"
          + " nothing was received"),
  TLS_FAILURE(
      "the TLS handshake with the recipient's server failed; check certificates and TLS policy on both sides",
      "the TLS handshake between the sending client and our server failed; check our certificate and TLS policy,"
          + " and the client's"),
  GREYLISTED(
      "the recipient's server asked us to come back later (greylisting); if it never lets us through, ask the"
          + " recipient's admins to allow our server",
      "our server greylisted the sending client (asked it to come back later); a real mail server does and gets"
          + " through; if a wanted sender never does, allow it in our greylisting"),
  RELAY_DENIED_OR_AUTH(
      "the message was refused for lack of authentication or permission to relay (SMTP AUTH, SPF/DKIM/DMARC);"
          + " check the sender's account and our domain's SPF/DKIM records",
      "our server refused to relay for the client, or the client failed authentication or the sender domain's"
          + " SPF/DKIM/DMARC; a user of ours must log in to send out; an outside sender's domain must fix its records"),
  MESSAGE_TOO_LARGE(
      "the message is larger than the recipient's server accepts; send smaller attachments or a link",
      "the message is larger than our server accepts (message_size_limit); the sender must send smaller"
          + " attachments or a link"),
  RATE_LIMITED(
      "the recipient's server is throttling us (too many messages or connections); reduce the sending rate if it"
          + " persists",
      "our server is throttling the sending client (too many messages, recipients or connections); if the client"
          + " is trusted and it persists, raise our limits for it"),
  REVERSE_DNS(
      "the recipient's server refuses our IP because its reverse DNS (PTR) is missing or does not match",
      "our server refused the sending client because its IP has no reverse DNS (PTR) or the name does not match;"
          + " the sender's admins must fix their PTR record"),
  SENDER_REJECTED(
      "the receiving server refused the envelope sender address (its domain not found, not fully qualified, or not"
          + " allowed); check the sender address and its domain's DNS",
      "our server refused the envelope sender address (its domain not found in DNS, not fully qualified, or not"
          + " allowed for this client); the sender must use a valid address of a domain that exists"),
  HELO_REJECTED(
      "the receiving server refused the name our server greets with (HELO/EHLO not fully qualified or not in DNS);"
          + " set our server's HELO name (smtp_helo_name, myhostname) to a name that resolves",
      "our server refused the name the sending client greeted with (HELO/EHLO not fully qualified or not in DNS);"
          + " usually a spam bot or a misconfigured client; its admins must set a proper host name"),
  NULL_MX(
      "the domain named in the reply publishes a null MX (RFC 7505) and accepts no mail: its addresses cannot be"
          + " reached (ask the recipient for another address); if it is our sender's domain, it must publish a real MX",
      "our server refused it because a domain in it publishes a null MX (RFC 7505) and accepts no mail; the sender"
          + " must use addresses of domains that accept mail"),
  LOCAL_CONFIG(
      "a mail server's own configuration failed (mail that loops back to our server, a lookup table it could not"
          + " read, a full disk); if our server said so, check our settings for the domain and the warnings logged"
          + " near this time; if the receiving server replied so, its admins must fix it",
      "our own server could not decide (a lookup table it could not read, a configuration error or a full disk);"
          + " an admin must fix our configuration (see the warnings logged near this time)"),
  OTHER("see the reply text; no common cause recognised", "see the reply text; no common cause recognised");

  private final String outboundHint;
  private final String inboundHint;

  DiagnosisCategory(String outboundHint, String inboundHint) {
    this.outboundHint = outboundHint;
    this.inboundHint = inboundHint;
  }

  /** The name used on the command line and in JSON: "recipient-unknown", "mailbox-full", ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** One line a support agent can act on, for a delivery of ours that failed. */
  public String hint() {
    return outboundHint;
  }

  /** One line a support agent can act on, for mail going that way. */
  public String hint(Direction direction) {
    return direction == Direction.INBOUND ? inboundHint : outboundHint;
  }

  /** The category of that wire name (or enum name), case-insensitive. */
  public static DiagnosisCategory fromWireName(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
