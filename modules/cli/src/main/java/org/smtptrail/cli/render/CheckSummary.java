package org.smtptrail.cli.render;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * What {@code check} says for a pattern ({@code @example.org}, {@code *@x}): many recipients have no one newest
 * verdict, so it counts the rows per verdict and answers with the worst one's exit code, so a script learns that a
 * domain has bounces even when its newest message went through.
 *
 * @param pattern the pattern as typed
 * @param counts  the rows per verdict, only verdicts with rows, in the enum's order
 */
public record CheckSummary(String pattern, Map<Verdict, Integer> counts) {
  public CheckSummary {
    counts = Map.copyOf(counts);
  }

  /** Counts these rows. */
  public static CheckSummary of(String pattern, List<DeliveryRow> rows) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    rows.forEach(row -> counts.merge(row.verdict(), 1, Integer::sum));
    return new CheckSummary(pattern, counts);
  }

  /**
   * The worst exit code among the rows: 4 when any failed (a bounce is a final answer the sender must hear of), else
   * 5 when any is pending, else 0; 3 when there are none.
   */
  public int exitCode() {
    if (counts.isEmpty()) {
      return ExitCodes.NO_RECORD;
    }
    boolean pending = false;
    for (Verdict verdict : counts.keySet()) {
      int code = ExitCodes.forVerdict(verdict);
      if (code == ExitCodes.FAILED) {
        return code;
      }
      pending |= code == ExitCodes.PENDING;
    }
    return pending ? ExitCodes.PENDING : ExitCodes.OK;
  }

  /**
   * The lines printed: the total, then one per verdict with rows, worst first ("45 rows to @example.org:",
   * "  9 BOUNCED", ...); a {@code NO_RECORD} line when none.
   */
  public List<String> lines() {
    if (counts.isEmpty()) {
      return List.of("NO_RECORD " + pattern + ": no message to an address matching this pattern in the index");
    }
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    List<String> lines = new ArrayList<>();
    lines.add(total + (total == 1 ? " row" : " rows") + " to " + pattern + ":");
    int width = Integer.toString(counts.values().stream().mapToInt(Integer::intValue).max().orElse(0)).length();
    for (Verdict verdict : worstFirst()) {
      String rows = counts.get(verdict).toString();
      lines.add("  " + " ".repeat(width - rows.length()) + rows + " " + verdict.name());
    }
    return lines;
  }

  /** The worst verdict among the rows (the first one {@link #lines} lists); null when there are none. */
  public Verdict worst() {
    List<Verdict> verdicts = worstFirst();
    return verdicts.isEmpty() ? null : verdicts.get(0);
  }

  /** The verdicts with rows: failed ones, then pending ones, then delivered ones, each in the enum's order. */
  private List<Verdict> worstFirst() {
    List<Verdict> ordered = new ArrayList<>();
    for (int code : List.of(ExitCodes.FAILED, ExitCodes.PENDING, ExitCodes.OK)) {
      for (Verdict verdict : Verdict.values()) {
        if (counts.containsKey(verdict) && ExitCodes.forVerdict(verdict) == code) {
          ordered.add(verdict);
        }
      }
    }
    return ordered;
  }
}
