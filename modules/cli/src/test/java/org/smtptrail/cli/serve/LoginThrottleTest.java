package org.smtptrail.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link LoginThrottle} on a clock of the test's own: free tries, doubling lockouts, forgetting, per address. */
class LoginThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final LoginThrottle throttle = new LoginThrottle(now::get);
  private final InetAddress guesser = InetAddress.getLoopbackAddress();

  private void pass(Duration time) {
    now.addAndGet(time.toNanos());
  }

  @Test
  void theFirstFailuresAreFreeThenEachLocksTwiceAsLongUpToAMinute() throws Exception {
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      throttle.failed(guesser);
      assertThat(throttle.lockedFor(guesser)).as("failure %d", i + 1).isZero();
    }
    Duration expected = Duration.ofSeconds(1);
    for (int i = 0; i < 10; i++) {
      throttle.failed(guesser);
      assertThat(throttle.lockedFor(guesser)).isEqualTo(expected);
      pass(throttle.lockedFor(guesser));
      assertThat(throttle.lockedFor(guesser)).isZero();
      expected = expected.multipliedBy(2).compareTo(LoginThrottle.LONGEST_LOCK) > 0 ? LoginThrottle.LONGEST_LOCK
          : expected.multipliedBy(2);
    }
    assertThat(LoginThrottle.lock(1_000_000)).isEqualTo(LoginThrottle.LONGEST_LOCK);
    InetAddress other = InetAddress.getByName("192.0.2.9");
    assertThat(throttle.lockedFor(other)).as("another address is not locked").isZero();
  }

  @Test
  void aSuccessOrAQuarterOfAnHourWithoutFailureForgetsTheFailures() {
    for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
      throttle.failed(guesser);
    }
    assertThat(throttle.lockedFor(guesser)).isPositive();
    throttle.succeeded(guesser);
    assertThat(throttle.lockedFor(guesser)).isZero();
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      throttle.failed(guesser);
    }
    pass(LoginThrottle.FORGET_AFTER.plusSeconds(1));
    throttle.failed(guesser);
    assertThat(throttle.lockedFor(guesser)).as("counted from one again").isZero();
  }
}
