package org.smtptrail.cli.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's own counts, for {@code /metrics}: requests per endpoint and status, and their latency as a
 * Prometheus histogram per endpoint. Lock-free; rendered in the Prometheus text format by {@link MetricsEndpoint}.
 */
final class ServeMetrics {
  /** Upper bounds of the latency buckets, in seconds: fine below 20 ms, where a lookup should land. */
  static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();

  void record(String endpoint, int status, long nanos) {
    requests.computeIfAbsent(endpoint + '\t' + status, k -> new LongAdder()).increment();
    latencies.computeIfAbsent(endpoint, k -> new Histogram()).observe(nanos);
  }

  void render(StringBuilder out) {
    MetricsEndpoint.help(out, "smtptrail_http_requests_total", "counter",
        "HTTP requests answered, by endpoint and status code.");
    new TreeMap<>(requests).forEach((key, count) -> {
      String[] parts = key.split("\t");
      out.append("smtptrail_http_requests_total{endpoint=\"").append(parts[0]).append("\",code=\"")
          .append(parts[1]).append("\"} ").append(count.sum()).append('\n');
    });
    MetricsEndpoint.help(out, "smtptrail_http_request_duration_seconds", "histogram",
        "Time from a request's arrival to its last byte written, by endpoint.");
    new TreeMap<>(latencies).forEach((endpoint, histogram) -> histogram.render(endpoint, out));
  }

  /** Counts per bucket (not cumulative; summed when rendered) and the sum of nanoseconds. */
  private static final class Histogram {
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length + 1);
    private final LongAdder sumNanos = new LongAdder();

    void observe(long nanos) {
      double seconds = nanos / 1e9;
      int bucket = 0;
      while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) {
        bucket++;
      }
      buckets.incrementAndGet(bucket);
      sumNanos.add(nanos);
    }

    void render(String endpoint, StringBuilder out) {
      String name = "smtptrail_http_request_duration_seconds";
      long cumulative = 0;
      for (int i = 0; i <= BUCKETS.length; i++) {
        cumulative += buckets.get(i);
        String le = i == BUCKETS.length ? "+Inf" : String.format(Locale.ROOT, "%s", BUCKETS[i]);
        out.append(name).append("_bucket{endpoint=\"").append(endpoint).append("\",le=\"").append(le)
            .append("\"} ").append(cumulative).append('\n');
      }
      out.append(name).append("_sum{endpoint=\"").append(endpoint).append("\"} ")
          .append(String.format(Locale.ROOT, "%.6f", sumNanos.sum() / 1e9)).append('\n');
      // the +Inf bucket's count, so the two agree even while a request is being recorded
      out.append(name).append("_count{endpoint=\"").append(endpoint).append("\"} ").append(cumulative)
          .append('\n');
    }
  }
}
