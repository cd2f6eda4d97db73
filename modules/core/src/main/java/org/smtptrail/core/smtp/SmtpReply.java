package org.smtptrail.core.smtp;

/**
 * A server's reply.
 *
 * @param code           the three-digit reply code, or 0 when the log gives only an enhanced status code
 * @param enhancedStatus the RFC 3463 code ("5.1.1"), or null
 * @param text           the whole reply as logged, code included; null when the log gives only codes (a local
 *                       delivery, a connection that failed before any reply)
 */
public record SmtpReply(int code, String enhancedStatus, String text) {
  /** 2xx: accepted. */
  public boolean isPositive() {
    return code >= 200 && code < 300 || code == 0 && enhancedStatus != null && enhancedStatus.startsWith("2.");
  }

  /** 4xx or 4.x.x: try again later. */
  public boolean isTransient() {
    return code >= 400 && code < 500 || code == 0 && enhancedStatus != null && enhancedStatus.startsWith("4.");
  }

  /** 5xx or 5.x.x: refused for good. */
  public boolean isPermanent() {
    return code >= 500 && code < 600 || code == 0 && enhancedStatus != null && enhancedStatus.startsWith("5.");
  }
}
