package org.smtptrail.cli.render;

import org.smtptrail.core.verdict.Verdict;

/**
 * Every exit code smtptrail returns, in one place (DESIGN.md's CLI contract): how a command tells its outcome to a
 * script, as {@link CheckLine} tells it to a person; the API's {@code exit_code} says the same.
 */
public final class ExitCodes {
  /** Success; for check: handed over or delivered locally. */
  public static final int OK = 0;
  /** An internal error (picocli's default for exceptions). */
  public static final int INTERNAL_ERROR = 1;
  /** A usage error (picocli's default), or a query of an index an older smtptrail wrote, to upgrade first. */
  public static final int USAGE = 2;
  /** No record at all of what was asked for. */
  public static final int NO_RECORD = 3;
  /** Bounced, expired, rejected or discarded. */
  public static final int FAILED = 4;
  /** Deferred, or not decided by the logs. */
  public static final int PENDING = 5;
  /** {@code index --strict}: some lines or files could not be read (the good ones were still indexed). */
  public static final int UNPARSED_INPUT = 6;
  /**
   * {@code index}/{@code tail}: the disk of the data folder is full; what was committed before is intact and a
   * re-run once space is freed goes on from there.
   */
  public static final int DISK_FULL = 7;
  /** {@code index} stopped by Ctrl-C (the shell's 128 + SIGINT): what was read is committed, a re-run goes on. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /**
   * The code {@code check} returns for a verdict: 0 handed over or delivered locally, 4 failed (a discarded message
   * was not delivered either), 5 pending.
   */
  public static int forVerdict(Verdict verdict) {
    return switch (verdict) {
      case HANDED_OVER, DELIVERED_LOCALLY -> OK;
      case BOUNCED, EXPIRED, REJECTED, DISCARDED -> FAILED;
      case DEFERRED, UNKNOWN -> PENDING;
    };
  }
}
