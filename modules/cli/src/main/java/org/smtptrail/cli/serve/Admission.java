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
 * time budget ({@code --request-seconds}) here, as a deadline of the thread that answers it ({@link #timeLeft}: not an
 * exchange attribute, which the JDK server shares between all requests to a path); it first takes
 * one of the places, waiting within that budget, and the rest of the budget is the index's to spend. Requests
 * waiting are bounded too ({@value #WAITING_PER_PLACE} per place): beyond that, and when the wait runs out, the
 * answer is a 503 with {@code Retry-After}, at once, instead of a queue that only grows.
 */
final class Admission extends Filter {
  static final int WAITING_PER_PLACE = 16;
  private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

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
    DEADLINE.set(System.nanoTime() + budget.toNanos());
    try {
      if (!enter()) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        throw new RequestException(503, "the server is busy answering other requests; try again in a moment");
      }
      try {
        chain.doFilter(exchange);
      } finally {
        places.release();
      }
    } finally {
      DEADLINE.remove();
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
  static Duration timeLeft() {
    Long deadline = DEADLINE.get();
    if (deadline == null) {
      throw new IllegalStateException("a request reads the index without a budget: its route skips admission");
    }
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  @Override
  public String description() {
    return "smtptrail admission: at most --threads requests read the index at once";
  }
}
