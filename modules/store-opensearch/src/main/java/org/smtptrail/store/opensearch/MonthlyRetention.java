package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Retention by whole months, done by smtptrail itself: the monthly indices whose month ended before a cutoff are
 * deleted at once (no per-document delete). Where the cluster has index management (ISM), {@code store init} leaves
 * the same work to its policy; a cluster without it (the minimal distribution, some managed services) has
 * {@code smtptrail store prune} run from a daily timer.
 *
 * <p>The current month (UTC) is never dropped, whatever the cutoff: agents write to it. Nor is the month of
 * documents without a time ({@link DocumentIds#NO_TIME}: lines no parser could read, kept as evidence), which a
 * replay must find where it wrote them: there are few, and dropping them would hide what was not understood.
 */
final class MonthlyRetention {
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu.MM", Locale.ROOT);

  private static final YearMonth TIMELESS = YearMonth.from(DocumentIds.NO_TIME.atOffset(ZoneOffset.UTC));

  private final StoreRequests requests;
  private final IndexNames names;

  MonthlyRetention(StoreRequests requests, IndexNames names) {
    this.requests = requests;
    this.names = names;
  }

  /** The months whose every day is before {@code cutoff}, oldest first, with what their indices hold. */
  List<PrunedMonth> pastLimit(Instant cutoff, Instant now) throws IOException {
    YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
    Map<YearMonth, List<JsonNode>> byMonth = new TreeMap<>();
    for (DocumentKind kind : DocumentKind.values()) {
      JsonNode indices = requests.getOrNull("/_cat/indices/" + names.pattern(kind), Map.of("format", "json",
          "bytes", "b", "h", "index,docs.count,store.size", "expand_wildcards", "all"));
      for (JsonNode index : indices == null ? List.<JsonNode>of() : indices) {
        YearMonth month = monthOf(kind, index.path("index").asText());
        boolean ended = month != null && !month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()
            .isAfter(cutoff);
        if (ended && month.isBefore(current) && !month.equals(TIMELESS)) {
          byMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(index);
        }
      }
    }
    List<PrunedMonth> months = new ArrayList<>();
    byMonth.forEach((month, indices) -> months.add(new PrunedMonth(month,
        indices.stream().map(index -> index.path("index").asText()).toList(),
        indices.stream().mapToLong(index -> index.path("docs.count").asLong()).sum(),
        indices.stream().mapToLong(index -> index.path("store.size").asLong()).sum())));
    return months;
  }

  /** Deletes each month's indices, a month per request. */
  void drop(List<PrunedMonth> months) throws IOException {
    for (PrunedMonth month : months) {
      requests.delete("/" + String.join(",", month.indices()), null);
    }
  }

  /**
   * The month of one of this store's monthly indices, or null for a name that only looks like one (another
   * installation whose prefix starts with this one's, an index made by hand): those are never touched.
   */
  private YearMonth monthOf(DocumentKind kind, String index) {
    String start = names.pattern(kind).replace("*", "");
    if (!index.startsWith(start)) {
      return null;
    }
    try {
      return YearMonth.parse(index.substring(start.length()), MONTH);
    } catch (DateTimeParseException notAMonth) {
      return null;
    }
  }
}
