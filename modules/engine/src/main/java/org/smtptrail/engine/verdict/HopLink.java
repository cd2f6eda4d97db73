package org.smtptrail.engine.verdict;

import java.util.Locale;

/** What ties a hop to the previous one. */
public enum HopLink {
  /** The previous server's 2xx reply named this server's queue id ("queued as 3FDD9EB009"). */
  QUEUE_ID,
  /** Both servers logged the same Message-ID. */
  MESSAGE_ID;

  /** The name used in JSON and CSV ("queue-id"). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
