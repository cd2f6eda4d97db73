package org.smtptrail.engine.store;

import java.time.Instant;

/**
 * How a writer's store has answered so far, for {@code /metrics} and a status line: requests that failed, how many
 * of them were sent again because the store was unreachable or busy for a while, and since when it has been waiting
 * for the store to answer again. A store on this machine has none of these: {@link #ANSWERING}.
 *
 * @param errors       requests that failed, each attempt counted (those sent again included)
 * @param retries      attempts sent again after the store was unreachable or answered that it was busy
 * @param waitingSince when the request now waiting for the store first failed; null while the store answers
 */
public record StoreHealth(long errors, long retries, Instant waitingSince) {
  /** No error, no retry, nothing waiting. */
  public static final StoreHealth ANSWERING = new StoreHealth(0, 0, null);
}
