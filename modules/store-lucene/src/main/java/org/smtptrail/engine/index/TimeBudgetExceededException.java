package org.smtptrail.engine.index;

import java.time.Duration;

/** A query read the index past its time budget ({@link LiveIndex#acquire(Duration)}) and was stopped. */
public final class TimeBudgetExceededException extends RuntimeException {
  private final Duration budget;

  TimeBudgetExceededException(Duration budget) {
    super("the query took longer than its budget of " + budget.toMillis() + " ms");
    this.budget = budget;
  }

  public Duration budget() {
    return budget;
  }
}
