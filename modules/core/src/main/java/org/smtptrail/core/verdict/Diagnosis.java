package org.smtptrail.core.verdict;

/**
 * A failure's category and the hint that goes with it.
 *
 * @param category the recognised cause
 * @param hint     what a support agent can do or say
 */
public record Diagnosis(DiagnosisCategory category, String hint) {
  /** The diagnosis of a category with its hint for a failed delivery of ours, before any note on the verdict. */
  public static Diagnosis of(DiagnosisCategory category) {
    return new Diagnosis(category, category.hint());
  }
}
