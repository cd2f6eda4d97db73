package org.smtptrail.cli.serve;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down guessing of tokens, per client address: the first {@value #FREE_FAILURES} failed token checks (the login
 * form or a Bearer header) cost nothing; each one after that locks the address out for a time that doubles, from
 * {@link #FIRST_LOCK} up to {@link #LONGEST_LOCK}. A locked-out address gets a 429 with {@code Retry-After} before its
 * token is even looked at, so guessing goes at a few tries a minute instead of thousands a second. A success, or
 * {@link #FORGET_AFTER} without a failure, clears the address. Clients behind one proxy share its address, and so its
 * lockout: a colleague's typos lock everyone out for at most {@link #LONGEST_LOCK}.
 */
final class LoginThrottle {
  static final int FREE_FAILURES = 5;
  static final Duration FIRST_LOCK = Duration.ofSeconds(1);
  static final Duration LONGEST_LOCK = Duration.ofSeconds(60);
  static final Duration FORGET_AFTER = Duration.ofMinutes(15);
  /** Addresses remembered at most; a flood from many addresses cannot grow the map without bound. */
  private static final int MAX_CLIENTS = 10_000;

  private final Map<InetAddress, Failures> clients = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  /** Failed checks of one address: how many, when the last one was, and until when it is locked out. */
  private record Failures(int count, long lastNanos, long lockedUntilNanos) {}

  LoginThrottle() {
    this(System::nanoTime);
  }

  /** @param nanoTime the clock (a test's own) */
  LoginThrottle(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** How long the address is still locked out; zero when it may try. */
  Duration lockedFor(InetAddress client) {
    Failures failures = clients.get(client);
    long now = nanoTime.getAsLong();
    if (failures == null || now - failures.lockedUntilNanos() >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(failures.lockedUntilNanos() - now);
  }

  /** A token check of this address failed. */
  void failed(InetAddress client) {
    long now = nanoTime.getAsLong();
    if (clients.size() >= MAX_CLIENTS) {
      clients.values().removeIf(failures -> forgotten(failures, now));
    }
    clients.compute(client, (address, before) -> {
      int count = before == null || forgotten(before, now) ? 1 : before.count() + 1;
      return new Failures(count, now, now + lock(count).toNanos());
    });
  }

  /** A token check of this address succeeded: its failures are forgotten. */
  void succeeded(InetAddress client) {
    clients.remove(client);
  }

  /** The lockout after the {@code count}-th failure in a row. */
  static Duration lock(int count) {
    if (count <= FREE_FAILURES) {
      return Duration.ZERO;
    }
    int doublings = Math.min(count - FREE_FAILURES - 1, 30);
    Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
    return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
  }

  private static boolean forgotten(Failures failures, long now) {
    return now - failures.lastNanos() > FORGET_AFTER.toNanos();
  }
}
