package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link BackgroundCommit}: one commit at a time, on its own thread; the reading thread sees it busy while it runs,
 * and meets its failure (a full disk) at its next look, once. Threads wait on latches, never on the clock.
 */
class BackgroundCommitTest {
  @Test
  void aCommitRunsOnItsOwnThreadAndIsBusyUntilItEnds() throws Exception {
    BackgroundCommit commits = new BackgroundCommit();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread[] ranOn = new Thread[1];
    assertThat(commits.busy()).isFalse();
    commits.start(() -> {
      ranOn[0] = Thread.currentThread();
      started.countDown();
      await(release);
    });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(commits.busy()).as("the reading thread goes on while it runs").isTrue();
    release.countDown();
    commits.await();
    assertThat(commits.busy()).isFalse();
    assertThat(ranOn[0]).isNotSameAs(Thread.currentThread());
    assertThat(ranOn[0].getName()).isEqualTo("smtptrail-commit");
    commits.close();
  }

  @Test
  void aFailedCommitIsRethrownToTheReadingThreadOnce() throws Exception {
    BackgroundCommit commits = new BackgroundCommit();
    commits.start(() -> {
      throw new IOException("No space left on device");
    });
    assertThatThrownBy(commits::await).isInstanceOf(IOException.class).hasMessageContaining("No space left");
    assertThat(commits.busy()).as("met once: the caller decides what follows").isFalse();

    commits.start(() -> {
      throw new IOException("No space left on device");
    });
    assertThatThrownBy(() -> {
      while (commits.busy()) {
        Thread.onSpinWait();
      }
    }).as("busy() meets the failure of a commit that ended").isInstanceOf(IOException.class);
    commits.close();
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }
}
