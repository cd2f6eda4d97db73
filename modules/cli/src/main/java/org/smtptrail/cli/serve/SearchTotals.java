package org.smtptrail.cli.serve;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.smtptrail.cli.query.Queries;
import org.smtptrail.cli.query.TracePage;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * The rows of one search per verdict, for the page's totals and for saying how many rows a page past the end leaves
 * out. Counted from the rows {@code trace} itself lists, so they agree with the table: the stored rows a scan could
 * count faster are candidates (a journey across servers is one row, a domain's subdomains are among a "@domain"
 * pattern's candidates), not the answer. Counting stops at {@link #MOST} rows, so a search of the whole index costs a
 * bounded amount; beyond it the counts say so ({@link #complete}).
 *
 * <p>The verdict filter is left out of the counts on purpose: the totals are what the agent clicks to switch from one
 * verdict to another, so they show every verdict of the other filters; {@link #matching} applies it.
 *
 * @param byVerdict the rows matching every filter but the verdict, per verdict (every verdict present, 0 when none)
 * @param matching  the rows matching every filter, the verdict included
 * @param complete  whether every row was counted (false: there are more than {@link #MOST})
 */
record SearchTotals(Map<Verdict, Long> byVerdict, long matching, boolean complete) {
  /** The most rows counted for one answer. */
  static final int MOST = 10_000;

  SearchTotals {
    byVerdict = Map.copyOf(byVerdict);
  }

  /** Counts the rows of {@code query}'s filters (its limit and offset are not used). */
  static SearchTotals count(Queries queries, TraceQuery query) throws IOException {
    TraceQuery everyVerdict = new TraceQuery(query.to(), query.from(), query.domain(), query.messageId(), query.id(),
        query.since(), query.until(), null, MOST, 0);
    TracePage rows = queries.trace(everyVerdict);
    Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
    for (Verdict verdict : Verdict.values()) {
      counts.put(verdict, 0L);
    }
    for (DeliveryRow row : rows.rows()) {
      counts.merge(row.verdict(), 1L, Long::sum);
    }
    long matching = query.status() == null ? rows.rows().size() : counts.get(query.status());
    return new SearchTotals(counts, matching, !rows.more());
  }
}
