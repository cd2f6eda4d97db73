package org.smtptrail.engine.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Probed;
import org.smtptrail.engine.store.RowFilter;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.MessageFacts;
import org.smtptrail.engine.verdict.MessageRows;
import org.smtptrail.engine.verdict.StatsFlags;
import org.smtptrail.engine.verdict.StatsGroup;
import org.smtptrail.engine.verdict.VerdictEngine;

/**
 * Counts verdicts over the whole index, like pflogsumm's totals, optionally per {@link StatsGroup}. The stored rows
 * ({@link MessageRows}) hold each row's verdict and figures, so a pass reads no event; the store adds them up by
 * kind of row ({@link StoreReader#sumRows}: by group, verdict and flags, which say how a row counts), so memory holds
 * sums, never rows, and a remote store sends sums, not rows. The few messages whose rows cannot say alone how they count (forwarded, or cut by the
 * range) are counted from their events: loaded, turned into rows by the {@link VerdictEngine} (the same rows
 * {@code trace} prints, a forwarded recipient followed to its copy's fate as there), counted and dropped. An index
 * without stored rows is refused where it is opened, until it is upgraded.
 *
 * <p>Each message is counted on its own, so a message the server forwarded under a new id counts twice: as the
 * forwarded row of the original and as the rows of the copy. That is pflogsumm's rule too ("forwarded" and
 * "delivered" are separate lines), and the reason "delivered" leaves forwarded rows out.
 */
public final class StatsSearcher {
  private final TraceSearcher searcher;
  private final StoreReader store;

  public StatsSearcher(StoreReader store) {
    this.store = store;
    this.searcher = new TraceSearcher(store);
  }

  /**
   * The counts of the rows in the time range (the same rows as {@code trace --since --until}: last event at or after
   * {@code since}, message started at or before {@code until}).
   *
   * @param since null for no lower bound
   * @param until null for no upper bound
   * @param by    the breakdown, or null for totals only
   */
  public StatsReport stats(Instant since, Instant until, StatsGroup by) throws IOException {
    TraceQuery window = new TraceQuery(null, null, null, null, null, since, until, null, 0);
    StatsTally totals = new StatsTally();
    Map<String, StatsTally> groups = new HashMap<>();
    try {
      countStoredRows(window, by, totals, groups);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return report(totals, by, groups, countProbes(since, until, totals));
  }

  /** The report of these tallies: the groups with the most rows first, then by name. */
  static StatsReport report(StatsTally totals, StatsGroup by, Map<String, StatsTally> groups, long probes) {
    List<StatsReport.Group> sorted = new ArrayList<>();
    groups.forEach((key, tally) -> sorted.add(new StatsReport.Group(key, tally.counts())));
    sorted.sort(Comparator.comparingLong((StatsReport.Group g) -> g.counts().rows()).reversed()
        .thenComparing(StatsReport.Group::key));
    return new StatsReport(totals.counts(), by, List.copyOf(sorted), probes);
  }

  /**
   * The address-verification probe answers whose time is in the range. They have no row (a probe delivers nothing),
   * so they are found among the events: the documents of the kind, then each answer's own time. A probe a user asked
   * for ({@code sendmail -bv}) was submitted like a message: its "received" event and size count in the totals, as
   * pflogsumm counts its pickup line (a probe of the verify server has none).
   */
  long countProbes(Instant since, Instant until, StatsTally totals) throws IOException {
    long from = since == null ? Long.MIN_VALUE : since.toEpochMilli();
    long to = until == null ? Long.MAX_VALUE : until.toEpochMilli();
    long probes = 0;
    for (List<LogEvent> events : store.eventsByKey(store.keysWithProbes(since, until)).values()) {
      long answers = 0;
      for (LogEvent event : events) {
        Instant time = event.header().time();
        long millis = time == null ? Long.MIN_VALUE : time.toEpochMilli();
        if (event instanceof Probed && (since == null || millis >= from) && (until == null || millis <= to)) {
          answers++;
        }
      }
      if (answers > 0) {
        events.sort(VerdictEngine.CHRONOLOGICAL);
        MessageFacts facts = MessageFacts.of(events);
        totals.addReceivedOnly(facts.received(), facts.size());
        probes += answers;
      }
    }
    return probes;
  }

  /**
   * Counts from the stored rows' figures. A message is counted from its events instead when its rows cannot say it
   * alone: a forwarded row (its verdict is the copy's) or a {@code since} that falls between its rows' last events
   * (which row then counts the message depends on the range).
   */
  private void countStoredRows(TraceQuery window, StatsGroup by, StatsTally totals, Map<String, StatsTally> groups)
      throws IOException {
    Set<String> fromEvents = new LinkedHashSet<>();
    store.sumRows(RowFilter.between(window.since(), window.until()), by == null ? null : by.rowGroup(),
        flags -> StatsFlags.has(flags, StatsFlags.COUNT_FROM_EVENTS), sums -> {
          int flags = sums.flags();
          totals.addRows(sums);
          if (StatsFlags.has(flags, StatsFlags.FIRST_OF_MESSAGE)) {
            totals.addMessages(sums, StatsFlags.has(flags, StatsFlags.MESSAGE_DEFERRED));
          }
          if (by != null) {
            StatsTally group = groups.computeIfAbsent(sums.group(), g -> new StatsTally());
            group.addRows(sums);
            if (StatsFlags.has(flags, StatsFlags.firstInGroup(by))) {
              group.addMessages(sums, StatsFlags.has(flags, StatsFlags.groupDeferred(by)));
            }
          }
        }, fromEvents::add);
    for (String key : fromEvents) {
      countEvents(key, store.eventsByKey(List.of(key)).get(key), window, by, totals, groups);
    }
  }

  /**
   * Counts one message from its events: its rows as trace computes them, a forwarded recipient followed (every
   * message counted so is what {@code StoredRowsQueryTest} checks the rows' counts against).
   */
  void countEvents(String key, List<LogEvent> events, TraceQuery window, StatsGroup by, StatsTally totals,
      Map<String, StatsTally> groups) {
    events.sort(VerdictEngine.CHRONOLOGICAL);
    MessageFacts facts = MessageFacts.of(events);
    boolean counted = false;
    boolean messageDeferred = false;
    Map<String, Boolean> deferredByGroup = new LinkedHashMap<>();
    for (DeliveryRow row : VerdictEngine.rows(key, events)) {
      if (!TraceSearcher.matches(row, window)) {
        continue;
      }
      boolean forwarded = row.forwardedAs() != null;
      DeliveryRow decided = forwarded ? searcher.followForward(row, 0) : row;
      long deferrals = facts.deferrals(row.recipient());
      totals.addRow(decided.verdict(), forwarded, deferrals, facts.size());
      counted = true;
      messageDeferred |= deferrals > 0;
      if (by != null) {
        String group = by.keyOf(decided);
        groups.computeIfAbsent(group, g -> new StatsTally())
            .addRow(decided.verdict(), forwarded, deferrals, facts.size());
        deferredByGroup.merge(group, deferrals > 0, Boolean::logicalOr);
      }
    }
    if (counted) {
      totals.addMessage(facts.received(), facts.size(), messageDeferred);
    }
    for (Map.Entry<String, Boolean> group : deferredByGroup.entrySet()) {
      groups.get(group.getKey()).addMessage(facts.received(), facts.size(), group.getValue());
    }
  }
}
