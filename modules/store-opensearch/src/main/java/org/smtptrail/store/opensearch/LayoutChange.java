package org.smtptrail.store.opensearch;

/**
 * One thing {@link StoreLayout#apply()} found or did, for {@code smtptrail store init} to print:
 * "created template smtptrail-events", "unchanged index smtptrail-rows-2026.11", "skipped retention policy
 * smtptrail-retention: ...".
 *
 * @param outcome what happened to it
 * @param object  what it is and its name ("template smtptrail-events")
 * @param detail  why, or what moved where; empty when the outcome says it all
 */
public record LayoutChange(Outcome outcome, String object, String detail) {

  /** What happened to one part of the layout. */
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    /** Left out on purpose (the cluster lacks what it needs); the detail says why. */
    SKIPPED;

    String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public LayoutChange {
    detail = detail == null ? "" : detail;
  }

  static LayoutChange of(Outcome outcome, String object) {
    return new LayoutChange(outcome, object, "");
  }

  /** Whether the cluster was changed (a second run of an unchanged layout changes nothing). */
  public boolean changed() {
    return outcome == Outcome.CREATED || outcome == Outcome.UPDATED;
  }

  @Override
  public String toString() {
    return outcome.word() + " " + object + (detail.isEmpty() ? "" : ": " + detail);
  }
}
