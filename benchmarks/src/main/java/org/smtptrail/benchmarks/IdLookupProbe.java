package org.smtptrail.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * What a trace by id costs in the engine alone: by message key with {@code --status}, by Message-ID with
 * {@code --status}, and by key alone, for the newest rows of an index (the questions support asks after "which
 * message?"). Since issue 15's last step the rows hold no id terms: an id is looked up among the events first.
 * Prints the median and p90 of each kind over all the rows, after one warm-up pass.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.smtptrail.benchmarks.IdLookupProbe DATA_DIR [ROWS]} (default 500).
 * It uses only the engine's public query API, so the same class runs against an older jar's engine too
 * ({@code -cp older-smtptrail.jar:benchmarks/target/classes}).
 */
public final class IdLookupProbe {
  private IdLookupProbe() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: IdLookupProbe DATA_DIR [ROWS]");
      System.exit(2);
    }
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    try (EventStore store = EventStore.open(new DataDirectory(Path.of(args[0])))) {
      TraceSearcher searcher = new TraceSearcher(store);
      List<DeliveryRow> rows = searcher.trace(TraceQuery.all().withLimit(count));
      List<DeliveryRow> withMessageId = rows.stream().filter(row -> row.messageId() != null).toList();
      measure(searcher, rows, "key + status", row -> query(null, row.key(), row));
      measure(searcher, withMessageId, "Message-ID + status", row -> query(row.messageId(), null, row));
      measure(searcher, rows, "key alone", row -> new TraceQuery(null, null, null, null, row.key(), null, null,
          null, 100));
    }
  }

  private static TraceQuery query(String messageId, String key, DeliveryRow row) {
    return new TraceQuery(null, null, null, messageId, key, null, null, row.verdict(), 100);
  }

  private static void measure(TraceSearcher searcher, List<DeliveryRow> rows, String what,
      Function<DeliveryRow, TraceQuery> queryOf) throws IOException {
    for (DeliveryRow row : rows) {
      searcher.trace(queryOf.apply(row));
    }
    long[] nanos = new long[rows.size()];
    int found = 0;
    for (int i = 0; i < rows.size(); i++) {
      long start = System.nanoTime();
      found += searcher.trace(queryOf.apply(rows.get(i))).contains(rows.get(i)) ? 1 : 0;
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "%s: %d queries, %d found their row, p50 %.3f ms, p90 %.3f ms%n", what,
        rows.size(), found, nanos[rows.size() / 2] / 1e6, nanos[rows.size() * 9 / 10] / 1e6);
  }
}
