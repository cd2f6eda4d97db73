package org.smtptrail.cli.serve;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.LiveIndex;

/**
 * The query service: the JDK's HTTP server (no HTTP code of our own) on a bounded pool of threads, answering the
 * JSON API, {@code /metrics} and the web page from one shared, refreshed view of the index. When the pool and its
 * queue are full, the accepting thread answers the next request itself: new requests slow down instead of piling up
 * in memory.
 */
public final class QueryServer implements Closeable {
  private final HttpServer http;
  private final ThreadPoolExecutor pool;
  private final IndexWatch watch;

  /**
   * How the server runs.
   *
   * @param bind         the address to listen on
   * @param port         the port (0: any free one)
   * @param tokens       the access tokens, or null (allowed on a loopback address only)
   * @param support      every caller gets the support role (redacted answers)
   * @param threads      requests answered at once
   * @param maxRows      the most rows one request may ask for
   * @param refreshEvery how often the index is checked for new commits
   * @param countEvery   the least time between two counts of the rows per verdict (for {@code /metrics})
   */
  public record Settings(InetAddress bind, int port, AccessTokens tokens, boolean support, int threads,
      int maxRows, Duration refreshEvery, Duration countEvery) {
    public Settings {
      if (!bind.isLoopbackAddress() && tokens == null) {
        throw new IllegalArgumentException("--bind " + bind.getHostAddress() + " is not a loopback address:"
            + " whoever reaches it could read the logs; give --token-file FILE (see README, serve)");
      }
      if (threads < 1 || maxRows < 1) {
        throw new IllegalArgumentException("--threads and --max-rows must be 1 or more");
      }
    }
  }

  private QueryServer(HttpServer http, ThreadPoolExecutor pool, IndexWatch watch) {
    this.http = http;
    this.pool = pool;
    this.watch = watch;
  }

  /**
   * The JDK server's switch for TCP_NODELAY, read once when its first server is made. It writes a response as two
   * segments (headers, then body); with Nagle's algorithm on, the body waits for the client's delayed ACK of the
   * headers on a kept-alive connection: 40 ms more per lookup on Linux (benchmarks/RESULTS.md, issue 14).
   */
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  /**
   * Starts answering.
   *
   * @param tail the in-process tail ({@code --tail}), or null
   * @param err  where failures of requests and of refreshing are printed
   */
  public static QueryServer start(Settings settings, DataDirectory dataDirectory, LiveIndex index,
      InProcessTail tail, PrintWriter err) throws IOException {
    System.setProperty(NO_DELAY, "true");
    HttpServer http = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 64);
    AtomicInteger threadNumber = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(settings.threads() * 16), task -> {
          Thread thread = new Thread(task, "smtptrail-serve-" + threadNumber.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    http.setExecutor(pool);
    IndexWatch watch = new IndexWatch(index, settings.refreshEvery(), settings.countEvery(), err);
    Sessions sessions = new Sessions();
    WebAssets web = new WebAssets(settings.tokens(), sessions);
    ApiEndpoints api = new ApiEndpoints(watch, dataDirectory, settings.maxRows(), settings.tokens() != null);
    ServeMetrics requests = new ServeMetrics();
    MetricsEndpoint metrics = new MetricsEndpoint(watch, tail, requests);

    Map<String, Route> routes = new LinkedHashMap<>();
    routes.put("/", new Route("page", false, web::page));
    routes.put(WebAssets.ASSETS, new Route("assets", false, web::asset));
    routes.put(WebAssets.LOGIN, new Route("login", true, web::login));
    routes.put(WebAssets.LOGOUT, new Route("logout", true, web::logout));
    routes.put(ApiEndpoints.TRACE, new Route("trace", true, api::trace));
    routes.put(ApiEndpoints.CHECK, new Route("check", true, api::check));
    routes.put(ApiEndpoints.EVENTS, new Route("events", false, api::events));
    routes.put(ApiEndpoints.STATS, new Route("stats", true, api::stats));
    routes.put(ApiEndpoints.SESSION, new Route("session", true, api::session));
    routes.put("/api/", new Route("api", false, exchange -> {
      throw new RequestException(404, "no such endpoint: the API has " + String.join(", ", List.of(
          ApiEndpoints.TRACE, ApiEndpoints.CHECK, ApiEndpoints.EVENTS + "KEY", ApiEndpoints.STATS,
          ApiEndpoints.SESSION)));
    }));
    routes.put(MetricsEndpoint.PATH, new Route("metrics", true, metrics::metrics));

    Map<String, String> endpoints = new LinkedHashMap<>();
    routes.forEach((path, route) -> endpoints.put(path, route.name()));
    AccessFilter access = new AccessFilter(settings.tokens(), sessions, settings.support(),
        localHosts(settings.bind()));
    // one metrics object: the guard counts every request, /metrics renders the same counts
    GuardFilter guard = new GuardFilter(requests, endpoints, err);
    for (Map.Entry<String, Route> entry : routes.entrySet()) {
      HttpContext context = http.createContext(entry.getKey(), entry.getValue().handler(entry.getKey()));
      context.getFilters().add(guard);
      context.getFilters().add(access);
    }
    watch.start();
    http.start();
    return new QueryServer(http, pool, watch);
  }

  /** The names a request may give in its Host header when the server has no tokens: this machine's own. */
  private static Set<String> localHosts(InetAddress bind) {
    Set<String> hosts = new TreeSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
    hosts.add(bind instanceof Inet6Address ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress());
    return hosts;
  }

  /** An endpoint: its name in the metrics, whether its path must match exactly, and what answers it. */
  private record Route(String name, boolean exact, Answer answer) {
    HttpHandler handler(String path) {
      return exchange -> {
        if (exact && !exchange.getRequestURI().getPath().equals(path)) {
          throw new RequestException(404, "no such endpoint: " + exchange.getRequestURI().getPath());
        }
        answer.answer(exchange);
      };
    }
  }

  @FunctionalInterface
  private interface Answer {
    void answer(HttpExchange exchange) throws IOException;
  }

  /** Where the server listens, e.g. http://127.0.0.1:8025/. */
  public URI uri() {
    InetSocketAddress address = http.getAddress();
    InetAddress host = address.getAddress();
    String name = host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
    return URI.create("http://" + name + ":" + address.getPort() + "/");
  }

  /** Stops answering (requests under way get a second to finish) and stops refreshing. */
  @Override
  public void close() {
    http.stop(1);
    pool.shutdown();
    watch.close();
  }
}
