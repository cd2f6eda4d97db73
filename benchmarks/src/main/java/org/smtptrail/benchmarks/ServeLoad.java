package org.smtptrail.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load for a running {@code smtptrail serve} (benchmarks/serve-corpus.sh starts one): recipient lookups through
 * {@code /api/trace?to=} over many distinct recipients, one client after the other as support agents ask, then
 * {@code CLIENTS} clients at once; then {@code /api/trace?status=DEFERRED&limit=100} and {@code /api/stats} over the
 * whole index. Prints latency percentiles (client side: request sent to last byte read) and fails on any answer
 * other than 200.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.smtptrail.benchmarks.ServeLoad URL RECIPIENTS_FILE [REQUESTS]
 * [CLIENTS]}; the file has one address per line.
 */
public final class ServeLoad {
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI server;

  private ServeLoad(URI server) {
    this.server = server;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ServeLoad URL RECIPIENTS_FILE [REQUESTS] [CLIENTS]");
      System.exit(2);
    }
    ServeLoad load = new ServeLoad(URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/"));
    List<String> recipients = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    load.run(recipients, requests, clients);
  }

  private void run(List<String> recipients, int requests, int clients) throws Exception {
    System.out.printf("%d distinct recipients; warming up with %d lookups%n", recipients.size(),
        Math.min(500, recipients.size()));
    for (int i = 0; i < Math.min(500, recipients.size()); i++) {
      timed(lookup(recipients.get(recipients.size() - 1 - i)));
    }
    long[] sequential = new long[requests];
    long withRows = 0;
    long started = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      Answer answer = timed(lookup(recipients.get(i % recipients.size())));
      sequential[i] = answer.nanos();
      withRows += answer.body().contains("\"recipient\"") ? 1 : 0;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    print("lookup-1", "lookup /api/trace?to=ADDR, 1 client", sequential, requests / seconds);
    System.out.printf("  %d of %d lookups found rows%n", withRows, requests);

    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> parts = new ArrayList<>();
    started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int client = c;
      parts.add(pool.submit(() -> {
        long[] nanos = new long[requests / clients];
        for (int i = 0; i < nanos.length; i++) {
          nanos[i] = timed(lookup(recipients.get((client * 7919 + i * clients) % recipients.size()))).nanos();
        }
        return nanos;
      }));
    }
    long[] concurrent = new long[0];
    for (Future<long[]> part : parts) {
      long[] nanos = part.get();
      concurrent = Arrays.copyOf(concurrent, concurrent.length + nanos.length);
      System.arraycopy(nanos, 0, concurrent, concurrent.length - nanos.length, nanos.length);
    }
    seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    print("lookup-" + clients, "lookup /api/trace?to=ADDR, " + clients + " clients", concurrent, concurrent.length / seconds);

    print("deferred-100", "/api/trace?status=DEFERRED&limit=100", repeat("api/trace?status=DEFERRED&limit=100", 5), 0);
    print("stats", "/api/stats (whole index)", repeat("api/stats", 3), 0);
    print("stats-by-domain", "/api/stats?by=domain (whole index)", repeat("api/stats?by=domain", 3), 0);
  }

  private HttpRequest lookup(String recipient) {
    return HttpRequest.newBuilder(server.resolve("api/trace?to="
        + URLEncoder.encode(recipient, StandardCharsets.UTF_8))).build();
  }

  private long[] repeat(String pathAndQuery, int times) throws IOException, InterruptedException {
    long[] nanos = new long[times];
    for (int i = 0; i < times; i++) {
      nanos[i] = timed(HttpRequest.newBuilder(server.resolve(pathAndQuery)).build()).nanos();
    }
    return nanos;
  }

  private record Answer(long nanos, String body) {}

  private Answer timed(HttpRequest request) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    long nanos = System.nanoTime() - start;
    if (response.statusCode() != 200) {
      throw new IOException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return new Answer(nanos, response.body());
  }

  /** A line for people, then "figure KEY p50 p90 p99 max" (milliseconds) for scripts. */
  private static void print(String key, String what, long[] nanos, double perSecond) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-42s n=%5d  p50 %8.2f ms  p90 %8.2f ms  p99 %8.2f ms  max %8.2f ms%s%n", what,
        sorted.length, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
        ms(sorted[sorted.length - 1]), perSecond > 0 ? String.format(Locale.ROOT, "  %.0f/s", perSecond) : "");
    System.out.printf(Locale.ROOT, "figure %s %.2f %.2f %.2f %.2f%n", key, ms(percentile(sorted, 50)),
        ms(percentile(sorted, 90)), ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
  }

  /** The nearest-rank percentile. */
  private static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
