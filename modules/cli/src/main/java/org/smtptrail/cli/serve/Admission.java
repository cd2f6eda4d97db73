package org.smtptrail.cli.serve;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests compute at once ({@code --threads}), and for how long. A request that reads the index gets its
 * time budget ({@code --request-seconds}) here, as a deadline put on the exchange ({@link #timeLeft}); it first takes
 * one of the places, waiting within that budget, and the rest of the budget is the index's to spend. Requests
 * waiting are bounded too ({@value #WAITING_PER_PLACE} per place): beyond that, and when the wait runs out, the
 * answer is a 503 with {@code Retry-After}, at once, instead of a queue that only grows.
 */
final class Admission extends Filter {
  static final int WAITING_PER_PLACE = 16;
  private static final String DEADLINE = "smtptrail.deadline";

  private final Semaphore places;
  private final int maxWaiting;
  private final AtomicInteger waiting = new AtomicInteger();
  private final Duration budget;

  Admission(int places, Duration budget) {
    this.places = new Semaphore(places, true);
    this.maxWaiting = places * WAITING_PER_PLACE;
    this.budget = budget;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    long deadline = System.nanoTime() + budget.toNanos();
    exchange.setAttribute(DEADLINE, deadline);
    if (!enter()) {
      exchange.getResponseHeaders().set("Retry-After", "1");
      throw new RequestException(503, "the server is busy answering other requests; try again in a moment");
    }
    try {
      chain.doFilter(exchange);
    } finally {
      places.release();
    }
  }

  private boolean enter() {
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return false;
    }
    try {
      return places.tryAcquire(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      waiting.decrementAndGet();
    }
  }

  /** The time a request has left to compute its answer (its budget less the wait for a place). */
  static Duration timeLeft(HttpExchange exchange) {
    Object deadline = exchange.getAttribute(DEADLINE);
    if (!(deadline instanceof Long nanos)) {
      throw new IllegalStateException(exchange.getRequestURI().getPath() + " reads the index without a budget");
    }
    return Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
  }

  @Override
  public String description() {
    return "smtptrail admission: at most --threads requests read the index at once";
  }
}
