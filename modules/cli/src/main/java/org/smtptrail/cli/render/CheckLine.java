package org.smtptrail.cli.render;

import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.verdict.DeliveryRow;

/** The line {@code check} prints (and the server's {@code /api/check} answers with). */
public final class CheckLine {
  private CheckLine() {}

  /** "HANDED_OVER john@example.net via mx...: 250 ... (1 attempt, last T, KEY)". */
  public static String of(DeliveryRow row) {
    StringBuilder line = new StringBuilder(row.verdict().name()).append(' ').append(row.recipient());
    if (row.relay() != null) {
      line.append(row.verdict() == Verdict.REJECTED ? " from " : " via ").append(row.relay());
    }
    if (row.reply() != null) {
      line.append(": ").append(row.reply());
    }
    line.append(" (").append(row.attempts()).append(row.attempts() == 1 ? " attempt" : " attempts");
    line.append(", last ").append(row.lastEvent()).append(", ").append(row.key()).append(')');
    return line.toString();
  }

  /** What check says when there is no record for the address. */
  public static String noRecord(String to) {
    return "NO_RECORD " + to + ": no message to this address in the index";
  }
}
