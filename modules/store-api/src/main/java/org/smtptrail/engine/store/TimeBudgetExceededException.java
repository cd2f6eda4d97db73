package org.smtptrail.engine.store;

import java.time.Duration;

/**
 * A query ran past the time budget of its request ({@link LiveStore#acquire(Duration)}) and was stopped: the local
 * store at its next read of the index, OpenSearch when the cluster had not answered in the time left. {@code serve}
 * answers it with a 503 that says to narrow the search.
 */
public final class TimeBudgetExceededException extends RuntimeException {
  private final Duration budget;

  public TimeBudgetExceededException(Duration budget) {
    super("the query took longer than its budget of " + budget.toMillis() + " ms");
    this.budget = budget;
  }

  public Duration budget() {
    return budget;
  }
}
