package org.smtptrail.cli.query;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.smtptrail.engine.query.StatsReport;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.Evidence;
import org.smtptrail.engine.verdict.StatsGroup;

/** The questions the query commands ask, with one answer whether the index is read here or by a server. */
public sealed interface Queries extends Closeable permits LocalQueries, ServerQueries {
  /**
   * One page of {@code trace}: at most {@code query.limit()} rows (0: all) after the first {@code query.offset()},
   * and whether more follow.
   */
  TracePage trace(TraceQuery query) throws IOException;

  /** The newest row for a recipient, as {@code check} reports it; empty when there is no record. */
  Optional<DeliveryRow> check(String to, String messageId, Instant since) throws IOException;

  /** Every line of one message, in time order, each line once; empty for an unknown key. */
  List<Evidence> events(String key) throws IOException;

  /** The counts of {@code stats}. */
  StatsReport stats(Instant since, Instant until, StatsGroup by) throws IOException;

  /** The query {@code check} runs: the newest row for the recipient. */
  static TraceQuery checkQuery(String to, String messageId, Instant since) {
    return new TraceQuery(to, null, null, messageId, null, since, null, null, 1);
  }
}
