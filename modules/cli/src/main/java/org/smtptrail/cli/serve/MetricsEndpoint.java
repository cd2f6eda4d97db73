package org.smtptrail.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.smtptrail.engine.store.LiveFigures;
import org.smtptrail.engine.store.StoreHealth;
import org.smtptrail.engine.store.LiveStore;
import org.smtptrail.engine.store.StoreReader;

/**
 * {@code /metrics}, in the Prometheus text format. What the index holds is read from the index, so it is the same
 * whoever writes it ({@code tail} or {@code index} in another process, or {@code --tail} here): events, unparsed
 * lines, rows per verdict and the newest event. What only a tailer knows (lines read, when the last one came) is
 * there only with {@code serve --tail}.
 */
final class MetricsEndpoint {
  static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final IndexWatch index;
  private final InProcessTail tail;
  private final ServeMetrics requests;
  private final Instant started = Instant.now();

  /** @param tail the in-process tail, or null without {@code --tail} */
  MetricsEndpoint(IndexWatch index, InProcessTail tail, ServeMetrics requests) {
    this.index = index;
    this.tail = tail;
    this.requests = requests;
  }

  void metrics(HttpExchange exchange) throws IOException {
    Responses.allow(exchange, "GET", "HEAD");
    QueryParameters.parse(exchange.getRequestURI().getRawQuery(), PATH, Set.of());
    StringBuilder out = new StringBuilder(4096);
    Instant now = Instant.now();
    gauge(out, "smtptrail_start_time_seconds", "When this server started (Unix time).", seconds(started));
    index(out, now);
    if (tail != null) {
      tail(out, now);
    }
    requests.render(out);
    Responses.send(exchange, 200, CONTENT_TYPE, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void index(StringBuilder out, Instant now) throws IOException {
    LiveFigures figures = index.figures();
    boolean up = figures.version() >= 0;
    gauge(out, "smtptrail_index_up", "1 when the data folder has an index (0: nothing indexed yet, or its index folder was deleted).", up ? 1 : 0);
    gauge(out, "smtptrail_index_events", "Events in the index (one per event read from a line).",
        figures.events());
    gauge(out, "smtptrail_index_unparsed_lines", "Lines in the index that no parser could read.",
        figures.unparsed());
    gauge(out, "smtptrail_index_version",
        "Version of the index view the server reads (with --tail: the tailer's, which changes at each refresh).",
        figures.version());
    if (figures.refreshed() != null) {
      gauge(out, "smtptrail_index_refresh_timestamp_seconds",
          "When the server last looked for new commits (with --tail: when the tailer last refreshed its view).",
          seconds(figures.refreshed()));
    }
    IndexWatch.Counted counted = index.counted();
    if (!up || counted.countedAt() == null) {
      return; // no index (any more): a count of one that was deleted is no count of anything
    }
    help(out, "smtptrail_index_rows", "gauge", "Rows (message, recipient) per verdict, over the whole index;"
        + " counted again after a change, at most every few seconds.");
    counted.rows().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(entry ->
        out.append("smtptrail_index_rows{verdict=\"").append(entry.getKey().name()).append("\"} ")
            .append(entry.getValue()).append('\n'));
    gauge(out, "smtptrail_index_rows_counted_timestamp_seconds", "When the rows per verdict were counted.",
        seconds(counted.countedAt()));
    if (counted.newest() != null) {
      gauge(out, "smtptrail_index_newest_event_timestamp_seconds",
          "Time of the newest event in the index (log time), as of the last count.", seconds(counted.newest()));
      gauge(out, "smtptrail_index_newest_event_age_seconds", "Now minus the newest event's log time: how far the"
          + " index lags the logs while mail flows (it grows in quiet hours too).",
          seconds(now) - seconds(counted.newest()));
    }
  }

  private void tail(StringBuilder out, Instant now) {
    InProcessTail.Status status = tail.status();
    gauge(out, "smtptrail_tail_up", "1 while the in-process tailer runs (0: it stopped on an error, see stderr).",
        status.up() ? 1 : 0);
    help(out, "smtptrail_tail_lines_read_total", "counter", "Lines the in-process tailer has read.");
    out.append("smtptrail_tail_lines_read_total ").append(status.linesRead()).append('\n');
    if (status.lastLineRead() != null) {
      gauge(out, "smtptrail_tail_last_line_read_timestamp_seconds", "When the tailer last read a line.",
          seconds(status.lastLineRead()));
      gauge(out, "smtptrail_tail_seconds_since_last_line", "Seconds since the tailer last read a line.",
          Duration.between(status.lastLineRead(), now).toMillis() / 1000.0);
    }
    StoreHealth store = tail.storeHealth();
    help(out, "smtptrail_store_errors_total", "counter", "Requests of the tailer to its store that failed, each"
        + " attempt counted (always 0 for the data folder's index, whose faults stop the tailer).");
    out.append("smtptrail_store_errors_total ").append(store.errors()).append('\n');
    help(out, "smtptrail_store_retries_total", "counter", "Requests sent again because the store (OpenSearch) was"
        + " unreachable or busy.");
    out.append("smtptrail_store_retries_total ").append(store.retries()).append('\n');
    gauge(out, "smtptrail_store_waiting", "1 while the tailer waits for its store to answer again (reading is paused).",
        store.waitingSince() == null ? 0 : 1);
  }

  static void help(StringBuilder out, String name, String type, String text) {
    out.append("# HELP ").append(name).append(' ').append(text).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void gauge(StringBuilder out, String name, String text, double value) {
    help(out, name, "gauge", text);
    out.append(name).append(' ').append(number(value)).append('\n');
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.3f", value);
  }

  private static double seconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }
}
