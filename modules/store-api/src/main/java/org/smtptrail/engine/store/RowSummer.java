package org.smtptrail.engine.store;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.smtptrail.core.verdict.Verdict;

/**
 * {@link StoreReader#sumRows} for a store whose rows are at hand (the local one): its scan's rows added up one at a
 * time, in memory that holds one sum per kind of row, never the rows.
 */
public final class RowSummer {
  private record Kind(String group, Verdict verdict, int flags) {}

  private RowSummer() {}

  /** Sums the rows {@code store} scans for {@code filter}, as {@link StoreReader#sumRows} says. */
  public static void sumRows(StoreReader store, RowFilter filter, RowGroup group, IntPredicate byKey,
      Consumer<RowSums> sums, Consumer<String> keys) throws IOException {
    long since = filter.since() == null ? Long.MIN_VALUE : filter.since().toEpochMilli();
    Map<Kind, long[]> byKind = new LinkedHashMap<>();
    Kind[] last = {null};
    long[][] lastSums = {null};
    store.scanRows(filter, group, row -> {
      int flags = row.flags();
      if (byKey.test(flags) || row.messageLastMin() < since) {
        keys.accept(row.key());
        return;
      }
      String value = row.group();
      Verdict verdict = row.verdict();
      Kind kind = last[0];
      if (kind == null || kind.flags() != flags || kind.verdict() != verdict || !Objects.equals(kind.group(), value)) {
        // consecutive rows are often of one kind (a message's rows lie together): no key made for those
        kind = new Kind(value, verdict, flags);
        last[0] = kind;
        lastSums[0] = byKind.computeIfAbsent(kind, k -> new long[5]);
      }
      long[] sum = lastSums[0];
      long size = row.size();
      int received = row.received();
      sum[0]++;
      sum[1] += row.deferrals();
      sum[2] += received;
      sum[3] += size > 0 ? size : 0;
      sum[4] += size > 0 && received > 0 ? size : 0;
    });
    byKind.forEach((kind, sum) -> sums.accept(
        new RowSums(kind.group(), kind.verdict(), kind.flags(), sum[0], sum[1], sum[2], sum[3], sum[4])));
  }
}
