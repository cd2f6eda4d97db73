package org.smtptrail.store.opensearch;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Every name the store's layout uses, derived from its prefix: per kind of document an index template, monthly indices
 * ({@code smtptrail-events-2026.11}), a read alias over all months ({@code smtptrail-events}) and a write alias on the
 * current month ({@code smtptrail-events-write}); and one retention policy.
 *
 * @param prefix the prefix of every name (already checked by {@link LayoutSettings})
 */
public record IndexNames(String prefix) {
  /** Months in UTC: agents in different time zones must name the same month's index the same way. */
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu.MM", Locale.ROOT);

  /** The index template of a kind, named like its read alias (templates and aliases are separate namespaces). */
  public String template(DocumentKind kind) {
    return prefix + "-" + kind.word();
  }

  /** The pattern that matches every monthly index of a kind. */
  public String pattern(DocumentKind kind) {
    return prefix + "-" + kind.word() + "-*";
  }

  /** The alias every monthly index of a kind joins when it is created: what queries read. */
  public String readAlias(DocumentKind kind) {
    return prefix + "-" + kind.word();
  }

  /** The alias on the current month's index of a kind, the only index it writes to. */
  public String writeAlias(DocumentKind kind) {
    return prefix + "-" + kind.word() + "-write";
  }

  /** The index of a kind for one month. */
  public String monthly(DocumentKind kind, YearMonth month) {
    return prefix + "-" + kind.word() + "-" + MONTH.format(month);
  }

  /** The index of a kind for the month (in UTC) of an instant. */
  public String monthly(DocumentKind kind, Instant time) {
    return monthly(kind, YearMonth.from(time.atOffset(ZoneOffset.UTC)));
  }

  /** The retention policy (ISM) of both kinds' indices. */
  public String retentionPolicy() {
    return prefix + "-retention";
  }
}
