package org.smtptrail.engine.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Received;
import org.smtptrail.engine.index.EventStore;

/**
 * Counts verdicts over the whole index, like pflogsumm's totals, optionally per {@link StatsGroup}. It streams: each
 * message's events are loaded, turned into rows by the {@link VerdictEngine} (the same rows {@code trace} prints, a
 * forwarded recipient followed to its copy's fate as there), counted and dropped, so memory holds one message and the
 * groups, never the rows.
 *
 * <p>Each message is counted on its own, so a message the server forwarded under a new id counts twice: as the
 * forwarded row of the original and as the rows of the copy. That is pflogsumm's rule too ("forwarded" and
 * "delivered" are separate lines), and the reason "delivered" leaves forwarded rows out.
 */
public final class StatsSearcher {
  private final TraceSearcher searcher;
  private final EventStore store;

  public StatsSearcher(EventStore store) {
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
      store.forEachMessage((key, events) -> count(key, events, window, by, totals, groups));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    List<StatsReport.Group> sorted = new ArrayList<>();
    groups.forEach((key, tally) -> sorted.add(new StatsReport.Group(key, tally.counts())));
    sorted.sort(Comparator.comparingLong((StatsReport.Group g) -> g.counts().rows()).reversed()
        .thenComparing(StatsReport.Group::key));
    return new StatsReport(totals.counts(), by, List.copyOf(sorted));
  }

  private void count(String key, List<LogEvent> events, TraceQuery window, StatsGroup by, StatsTally totals,
      Map<String, StatsTally> groups) {
    events.sort(VerdictEngine.CHRONOLOGICAL);
    int received = 0;
    long size = -1;
    Map<String, List<DeliveryAttempt>> attempts = new HashMap<>();
    for (LogEvent event : events) {
      if (event instanceof Received) {
        received++;
      } else if (event instanceof Queued queued && size < 0) {
        size = queued.size();
      } else if (event instanceof DeliveryAttempt attempt) {
        attempts.computeIfAbsent(MailAddresses.normalize(attempt.recipient()), r -> new ArrayList<>()).add(attempt);
      }
    }
    boolean counted = false;
    boolean messageDeferred = false;
    Map<String, Boolean> deferredByGroup = new LinkedHashMap<>();
    for (DeliveryRow row : VerdictEngine.rows(key, events)) {
      if (!TraceSearcher.matches(row, window)) {
        continue;
      }
      boolean forwarded = row.forwardedAs() != null;
      DeliveryRow decided = forwarded ? searcher.followForward(row, 0) : row;
      long deferrals = deferrals(attempts.get(MailAddresses.normalize(row.recipient())));
      totals.addRow(decided.verdict(), forwarded, deferrals, size);
      counted = true;
      messageDeferred |= deferrals > 0;
      if (by != null) {
        String group = by.keyOf(decided);
        groups.computeIfAbsent(group, g -> new StatsTally()).addRow(decided.verdict(), forwarded, deferrals, size);
        deferredByGroup.merge(group, deferrals > 0, Boolean::logicalOr);
      }
    }
    if (counted) {
      totals.addMessage(received, size, messageDeferred);
    }
    for (Map.Entry<String, Boolean> group : deferredByGroup.entrySet()) {
      groups.get(group.getKey()).addMessage(received, size, group.getValue());
    }
  }

  /** The recipient's temporarily failed attempts, one attempt reported by two logs counted once. */
  private static long deferrals(List<DeliveryAttempt> attempts) {
    if (attempts == null) {
      return 0;
    }
    return SameAttempts.merge(attempts).stream().filter(a -> a.status() == DeliveryStatus.DEFERRED).count();
  }
}
