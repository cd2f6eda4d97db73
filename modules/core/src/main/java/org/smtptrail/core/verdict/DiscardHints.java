package org.smtptrail.core.verdict;

import org.smtptrail.core.event.Discarded;

/**
 * The hint of a DISCARDED row: which rule threw the mail away and what it logged as the reason. A discard is no
 * failure to diagnose (no category): it is the server's own configuration, so the hint names the rule to look at.
 */
public final class DiscardHints {
  private DiscardHints() {}

  /** "this server accepted it, then threw it away on purpose: RULE (REASON); ...". */
  public static String of(Discarded discard) {
    StringBuilder hint = new StringBuilder("this server accepted it, then threw it away on purpose: ");
    hint.append(discard.rule() == null || discard.rule().isBlank() ? "a discard rule" : discard.rule());
    if (discard.reason() != null && !discard.reason().isBlank()) {
      hint.append(" (").append(discard.reason().strip()).append(')');
    }
    return hint.append("; the sender was not told. If the mail was wanted, the mail admin must change that rule")
        .toString();
  }
}
