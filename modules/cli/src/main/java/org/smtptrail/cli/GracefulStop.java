package org.smtptrail.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) or SIGTERM asks a writing command to stop instead of killing it mid-write: a shutdown hook clears
 * {@link #running()} and holds the JVM until the command has committed and {@link #close() closed} this. Without it
 * the JVM would exit with the last lines read but not committed (harmless, they are read again, but slower to
 * resume and silent about it).
 */
final class GracefulStop implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread hook;

  GracefulStop(String name) {
    hook = new Thread(() -> {
      running.set(false);
      try {
        stopped.await(); // let the command commit before the JVM exits
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "smtptrail-" + name + "-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** False once a stop was asked for. */
  boolean running() {
    return running.get();
  }

  /** The command is done: the JVM may exit. */
  @Override
  public void close() {
    stopped.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: that is how we got here
    }
  }
}
