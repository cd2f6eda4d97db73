package org.smtptrail.engine.query;

import java.util.List;
import org.smtptrail.engine.verdict.StatsGroup;

/**
 * The answer of a stats pass: the totals and, when asked for, the same counts per group.
 *
 * @param totals the counts over every row in the time range
 * @param by     what the groups are, or null for totals only
 * @param groups one entry per group, most rows first (then by name); empty without {@code by}
 * @param probes address-verification probe answers in the time range (Postfix status=deliverable/undeliverable): not
 *               deliveries, so in no row and no group; counted apart, in the totals only
 */
public record StatsReport(StatsCounts totals, StatsGroup by, List<Group> groups, long probes) {
  /**
   * The counts of one group.
   *
   * @param key    the group, e.g. "example.net" for {@code --by domain}; {@value StatsGroup#NONE} for rows without it
   * @param counts its counts
   */
  public record Group(String key, StatsCounts counts) {}
}
