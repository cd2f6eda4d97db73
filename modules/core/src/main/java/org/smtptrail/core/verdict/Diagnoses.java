package org.smtptrail.core.verdict;

import static org.smtptrail.core.verdict.DiagnosisCategory.BLOCKED_OR_BLACKLISTED;
import static org.smtptrail.core.verdict.DiagnosisCategory.CONNECTION_FAILURE;
import static org.smtptrail.core.verdict.DiagnosisCategory.DNS_MX_FAILURE;
import static org.smtptrail.core.verdict.DiagnosisCategory.GREYLISTED;
import static org.smtptrail.core.verdict.DiagnosisCategory.MAILBOX_FULL;
import static org.smtptrail.core.verdict.DiagnosisCategory.MESSAGE_TOO_LARGE;
import static org.smtptrail.core.verdict.DiagnosisCategory.OTHER;
import static org.smtptrail.core.verdict.DiagnosisCategory.RATE_LIMITED;
import static org.smtptrail.core.verdict.DiagnosisCategory.RECIPIENT_UNKNOWN;
import static org.smtptrail.core.verdict.DiagnosisCategory.RELAY_DENIED_OR_AUTH;
import static org.smtptrail.core.verdict.DiagnosisCategory.REVERSE_DNS;
import static org.smtptrail.core.verdict.DiagnosisCategory.SPAM_CONTENT;
import static org.smtptrail.core.verdict.DiagnosisCategory.TLS_FAILURE;

import java.util.List;
import java.util.Locale;

/**
 * Classifies a failure from its reply code, RFC 3463 enhanced status code and text. The text is tried first, in a
 * fixed order (the specific before the general: "blocked using zen.spamhaus.org" is a blocklist, not spam content),
 * then the enhanced code alone, since many servers answer "550 5.1.1" with a text of their own.
 */
public final class Diagnoses {
  private record Rule(DiagnosisCategory category, List<String> phrases) {}

  private static final List<Rule> TEXT_RULES =
      List.of(
          new Rule(TLS_FAILURE, List.of("tls", "ssl", "certificate", "handshake")),
          new Rule(GREYLISTED, List.of("greylist", "graylist", "grey-list", "gray-list", "greylisting")),
          new Rule(
              RATE_LIMITED,
              List.of("rate limit", "ratelimit", "rate-limit", "too many", "throttl", "4.7.28", "try again in")),
          new Rule(
              MESSAGE_TOO_LARGE,
              List.of("message size", "exceeds size limit", "too large", "too big", "message length exceeds",
                  "size exceeds")),
          new Rule(
              MAILBOX_FULL,
              List.of("mailbox full", "mailbox is full", "over quota", "quota exceeded", "exceeded storage",
                  "insufficient storage", "mailbox size limit", "out of storage", "user over quota", "is full")),
          new Rule(
              DNS_MX_FAILURE,
              List.of("host or domain name not found", "name service error", "no mx", "domain not found",
                  "mx record", "domain does not exist", "nxdomain", "no route to domain", "unrouteable")),
          new Rule(
              REVERSE_DNS,
              List.of("reverse dns", "reverse hostname", "ptr record", "rdns", "cannot find your hostname",
                  "cannot find your reverse")),
          new Rule(
              CONNECTION_FAILURE,
              List.of("connection refused", "connection timed out", "timed out", "network is unreachable",
                  "no route to host", "lost connection", "connection reset", "unable to connect",
                  "could not connect", "connect to ", "no server listening")),
          new Rule(
              BLOCKED_OR_BLACKLISTED,
              List.of("blocked", "blacklist", "blocklist", "block list", "black list", "spamhaus", "spamcop",
                  "barracuda", "dnsbl", "rbl", " listed", "reputation", "banned", "denylist")),
          new Rule(
              SPAM_CONTENT,
              List.of("spam", "virus", "malware", "content rejected", "rejected due to content", "unsolicited",
                  "suspicious", "phishing")),
          new Rule(
              RELAY_DENIED_OR_AUTH,
              List.of("relay access denied", "relaying denied", "not permitted to relay", "relay not permitted",
                  "authentication required", "authentication failed", "spf", "dkim", "dmarc", "unauthenticated",
                  "must authenticate")),
          new Rule(
              RECIPIENT_UNKNOWN,
              List.of("user unknown", "unknown user", "no such user", "does not exist", "unknown recipient",
                  "recipient unknown", "invalid recipient", "mailbox unavailable", "no mailbox", "not found",
                  "address rejected", "unknown or illegal alias", "recipient not found", "undeliverable address",
                  "mailbox not found", "user not found", "no such recipient")));

  private Diagnoses() {}

  /**
   * The category of a failure.
   *
   * @param code           three-digit reply code, 0 if none
   * @param enhancedStatus RFC 3463 code, or null
   * @param text           the reply or the local explanation, or null
   */
  public static DiagnosisCategory classify(int code, String enhancedStatus, String text) {
    if (text != null) {
      String lower = text.toLowerCase(Locale.ROOT);
      for (Rule rule : TEXT_RULES) {
        for (String phrase : rule.phrases()) {
          if (lower.contains(phrase)) {
            return rule.category();
          }
        }
      }
    }
    return byEnhancedStatus(code, enhancedStatus);
  }

  private static DiagnosisCategory byEnhancedStatus(int code, String enhancedStatus) {
    if (enhancedStatus == null || enhancedStatus.length() < 3) {
      return OTHER;
    }
    String subjectDetail = enhancedStatus.substring(2);
    if (subjectDetail.equals("2.2")) {
      return MAILBOX_FULL;
    }
    if (subjectDetail.equals("3.4") || subjectDetail.equals("2.3")) {
      return MESSAGE_TOO_LARGE;
    }
    if (subjectDetail.equals("1.2")) {
      return DNS_MX_FAILURE;
    }
    if (subjectDetail.startsWith("1.")) {
      return RECIPIENT_UNKNOWN;
    }
    if (subjectDetail.equals("4.1") || subjectDetail.equals("4.2") || subjectDetail.equals("4.7")) {
      return CONNECTION_FAILURE;
    }
    if (subjectDetail.equals("4.4") || subjectDetail.equals("4.3")) {
      return DNS_MX_FAILURE;
    }
    if (subjectDetail.equals("7.0") || subjectDetail.equals("7.8") || subjectDetail.equals("7.26")
        || subjectDetail.equals("7.23") || subjectDetail.equals("7.25")) {
      return subjectDetail.equals("7.25") ? REVERSE_DNS : RELAY_DENIED_OR_AUTH;
    }
    if (subjectDetail.equals("7.1") && code >= 500) {
      return BLOCKED_OR_BLACKLISTED;
    }
    return OTHER;
  }
}
