package org.smtptrail.core.verdict;

import static org.smtptrail.core.verdict.DiagnosisCategory.BLOCKED_OR_BLACKLISTED;
import static org.smtptrail.core.verdict.DiagnosisCategory.CONNECTION_FAILURE;
import static org.smtptrail.core.verdict.DiagnosisCategory.DNS_MX_FAILURE;
import static org.smtptrail.core.verdict.DiagnosisCategory.GREYLISTED;
import static org.smtptrail.core.verdict.DiagnosisCategory.HELO_REJECTED;
import static org.smtptrail.core.verdict.DiagnosisCategory.LOCAL_CONFIG;
import static org.smtptrail.core.verdict.DiagnosisCategory.MAILBOX_FULL;
import static org.smtptrail.core.verdict.DiagnosisCategory.MESSAGE_TOO_LARGE;
import static org.smtptrail.core.verdict.DiagnosisCategory.NULL_MX;
import static org.smtptrail.core.verdict.DiagnosisCategory.OTHER;
import static org.smtptrail.core.verdict.DiagnosisCategory.RATE_LIMITED;
import static org.smtptrail.core.verdict.DiagnosisCategory.RECIPIENT_UNKNOWN;
import static org.smtptrail.core.verdict.DiagnosisCategory.RELAY_DENIED_OR_AUTH;
import static org.smtptrail.core.verdict.DiagnosisCategory.REVERSE_DNS;
import static org.smtptrail.core.verdict.DiagnosisCategory.SENDER_REJECTED;
import static org.smtptrail.core.verdict.DiagnosisCategory.SPAM_CONTENT;
import static org.smtptrail.core.verdict.DiagnosisCategory.TLS_FAILURE;

import java.util.List;

/**
 * Classifies a failure from its reply code, RFC 3463 enhanced status code and the reply's own words, and words the
 * hint for the way the mail was going and for its verdict.
 *
 * <p>The words are those of {@link ReplyWords}: addresses, host names and URLs are removed first, since they are
 * chosen by people ("spameri@example.it" is no spam). A phrase counts where a word starts. The phrases are tried in a
 * fixed order, the specific before the general: "does not accept mail (nullMX)" before "address rejected", Postfix's
 * "Helo command rejected:" and "Sender address rejected:" before the "not found" or "domain not found" they go on
 * with, "Relay access denied" before "access denied", "blocked using zen.spamhaus.org" before "spam". Then the
 * enhanced code alone, since many servers answer "550 5.1.1" with a text of their own.
 */
public final class Diagnoses {
  private record Rule(DiagnosisCategory category, List<String> phrases) {}

  private static final List<Rule> TEXT_RULES =
      List.of(
          new Rule(NULL_MX, List.of("nullmx", "null mx", "does not accept mail")),
          new Rule(
              LOCAL_CONFIG,
              List.of("loops back to myself", "temporary lookup failure", "server configuration error",
                  "server configuration problem", "configuration error", "insufficient system storage")),
          new Rule(TLS_FAILURE, List.of("tls", "starttls", "ssl", "certificate", "handshake")),
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
              HELO_REJECTED,
              List.of("helo command rejected", "invalid helo", "bad helo", "helo name", "helo/ehlo", "ehlo/helo")),
          new Rule(
              RELAY_DENIED_OR_AUTH,
              List.of("relay access denied", "relaying denied", "not permitted to relay", "relay not permitted",
                  "authentication required", "authentication failed", "spf", "dkim", "dmarc", "unauthenticated",
                  "must authenticate")),
          new Rule(
              SENDER_REJECTED,
              List.of("sender address rejected", "sender rejected", "sender verify failed",
                  "sender address verification", "unknown sender", "invalid sender", "sender domain")),
          new Rule(
              REVERSE_DNS,
              List.of("reverse dns", "reverse hostname", "ptr record", "rdns", "cannot find your hostname",
                  "cannot find your reverse")),
          new Rule(
              DNS_MX_FAILURE,
              List.of("host or domain name not found", "name service error", "no mx", "domain not found",
                  "mx record", "domain does not exist", "nxdomain", "no route to domain", "unrouteable")),
          new Rule(
              CONNECTION_FAILURE,
              List.of("connection refused", "connection timed out", "timed out", "network is unreachable",
                  "no route to host", "lost connection", "connection reset", "unable to connect",
                  "could not connect", "connect to ", "no server listening")),
          new Rule(
              BLOCKED_OR_BLACKLISTED,
              List.of("blocked", "blacklist", "blocklist", "block list", "black list", "spamhaus", "spamcop",
                  "barracuda", "dnsbl", "rbl", "listed", "reputation", "banned", "denylist", "client host rejected")),
          new Rule(
              SPAM_CONTENT,
              List.of("spam", "antispam", "virus", "malware", "content rejected", "rejected due to content",
                  "unsolicited", "suspicious", "phishing")),
          new Rule(
              RECIPIENT_UNKNOWN,
              List.of("user unknown", "unknown user", "no such user", "does not exist", "unknown recipient",
                  "recipient unknown", "invalid recipient", "mailbox unavailable", "no mailbox", "not found",
                  "address rejected", "unknown or illegal alias", "recipient not found", "undeliverable address",
                  "mailbox not found", "user not found", "no such recipient")));

  private Diagnoses() {}

  /**
   * The category of a failure and the hint for it, worded for the way the mail was going and for the verdict: only a
   * delivery still pending retries by itself; an expired one was given up; a temporary refusal our server gave is
   * normally retried by the sending server.
   *
   * @param verdict        the failed or pending verdict (DEFERRED, BOUNCED, EXPIRED, REJECTED)
   * @param direction      whether our server refused a client or a delivery of ours failed
   * @param code           three-digit reply code, 0 if none
   * @param enhancedStatus RFC 3463 code, or null
   * @param text           the reply and the local explanation, or null
   */
  public static Diagnosis diagnose(Verdict verdict, Direction direction, int code, String enhancedStatus,
      String text) {
    DiagnosisCategory category = classify(code, enhancedStatus, text);
    String hint = category.hint(direction);
    String note = note(verdict, direction, code, enhancedStatus);
    return new Diagnosis(category, note == null ? hint : hint + "; " + note);
  }

  /** What the verdict adds to the category's hint, or null: whether it is retried, and by whom. */
  private static String note(Verdict verdict, Direction direction, int code, String enhancedStatus) {
    if (direction == Direction.INBOUND) {
      boolean temporary = code >= 400 && code < 500 || code == 0 && enhancedStatus != null
          && enhancedStatus.startsWith("4.");
      return temporary ? "a temporary refusal: the sending server normally tries again by itself" : null;
    }
    return switch (verdict) {
      case DEFERRED -> "our server retries by itself until the queue lifetime runs out";
      case EXPIRED -> "our server has given up (the queue lifetime ran out) and returned the message to the sender";
      default -> null;
    };
  }

  /**
   * The category of a failure.
   *
   * @param code           three-digit reply code, 0 if none
   * @param enhancedStatus RFC 3463 code, or null
   * @param text           the reply or the local explanation, or null
   */
  public static DiagnosisCategory classify(int code, String enhancedStatus, String text) {
    if (text != null) {
      String words = ReplyWords.of(text);
      for (Rule rule : TEXT_RULES) {
        for (String phrase : rule.phrases()) {
          if (ReplyWords.containsAtWordStart(words, phrase)) {
            return rule.category();
          }
        }
      }
    }
    return byEnhancedStatus(code, enhancedStatus);
  }

  /** RFC 3463's subjects and details (with RFC 7372's X.7.20-26 and RFC 7505's null MX codes). */
  private static DiagnosisCategory byEnhancedStatus(int code, String enhancedStatus) {
    if (enhancedStatus == null || enhancedStatus.length() < 3) {
      return OTHER;
    }
    boolean permanent = code >= 500 || code == 0 && enhancedStatus.startsWith("5");
    String subjectDetail = enhancedStatus.substring(2);
    return switch (subjectDetail) {
      case "1.10", "7.27" -> NULL_MX; // recipient's / sender's domain has a null MX
      case "1.7", "1.8" -> SENDER_REJECTED; // bad sender's mailbox address syntax / system address
      case "1.2" -> DNS_MX_FAILURE; // bad destination system address
      case "2.1", "7.13" -> RECIPIENT_UNKNOWN; // mailbox disabled / user account disabled
      case "2.2" -> MAILBOX_FULL;
      case "2.3", "3.4" -> MESSAGE_TOO_LARGE;
      case "3.1", "3.5", "4.6" -> LOCAL_CONFIG; // mail system full / incorrectly configured / routing loop
      case "4.3", "4.4" -> DNS_MX_FAILURE; // routing server failure / unable to route
      case "4.1", "4.2", "4.7" -> CONNECTION_FAILURE; // no answer / bad connection / delivery time expired
      case "7.0", "7.8", "7.9", "7.12", "7.14", "7.20", "7.21", "7.22", "7.23", "7.24", "7.26" ->
          RELAY_DENIED_OR_AUTH; // authentication, DKIM, SPF, several checks (DMARC)
      case "7.4", "7.5", "7.6", "7.10", "7.11" -> TLS_FAILURE; // security features, cryptography, encryption needed
      case "7.25" -> REVERSE_DNS;
      case "7.28" -> RATE_LIMITED; // mail flood detected
      case "7.1" -> permanent ? BLOCKED_OR_BLACKLISTED : OTHER; // delivery not authorized, message refused
      default -> subjectDetail.startsWith("1.") ? RECIPIENT_UNKNOWN : OTHER;
    };
  }
}
