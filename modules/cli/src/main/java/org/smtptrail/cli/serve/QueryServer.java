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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.smtptrail.engine.store.LiveFigures;
import org.smtptrail.engine.store.LiveStore;
import org.smtptrail.engine.store.StoreReader;

/**
 * The query service: the JDK's HTTP server (no HTTP code of our own), answering the JSON API, {@code /metrics} and
 * the web page from one shared, refreshed view of the index.
 *
 * <p>Each connection is read on a virtual thread of its own, so a client that sends its headers slowly (or never)
 * parks a thread that costs a few hundred bytes, not one of the workers that answer others; the JDK server closes a
 * connection whose request has not been answered within {@link #MAX_REQUEST_SECONDS} and bounds the connections
 * open at once ({@link #MAX_CONNECTIONS}). The work of answering is what is scarce: {@link Admission} lets
 * {@code --threads} requests compute at once, each within its time budget.
 */
public final class QueryServer implements Closeable {
  private final HttpServer http;
  private final ExecutorService connections;
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
   * @param budget       the time one request may compute before it is answered 503
   * @param refreshEvery how often the index is checked for new commits
   * @param countEvery   the least time between two counts of the rows per verdict (for {@code /metrics})
   */
  public record Settings(InetAddress bind, int port, AccessTokens tokens, boolean support, int threads,
      int maxRows, Duration budget, Duration refreshEvery, Duration countEvery) {
    public Settings {
      if (!bind.isLoopbackAddress() && tokens == null) {
        throw new IllegalArgumentException("--bind " + bind.getHostAddress() + " is not a loopback address:"
            + " whoever reaches it could read the logs; give --token-file FILE (see README, serve)");
      }
      if (threads < 1 || maxRows < 1) {
        throw new IllegalArgumentException("--threads and --max-rows must be 1 or more");
      }
      if (budget.isNegative() || budget.isZero() || budget.toSeconds() >= MAX_REQUEST_SECONDS) {
        throw new IllegalArgumentException("--request-seconds must be from 1 to " + (MAX_REQUEST_SECONDS - 1)
            + " (a connection is closed after " + MAX_REQUEST_SECONDS + " s without an answer)");
      }
    }
  }

  private QueryServer(HttpServer http, ExecutorService connections, IndexWatch watch) {
    this.http = http;
    this.connections = connections;
    this.watch = watch;
  }

  /**
   * The JDK server's switch for TCP_NODELAY, read once when its first server is made. It writes a response as two
   * segments (headers, then body); with Nagle's algorithm on, the body waits for the client's delayed ACK of the
   * headers on a kept-alive connection: 40 ms more per lookup on Linux (benchmarks/RESULTS.md, issue 14).
   */
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  /**
   * Seconds a connection may take from its first byte to the start of its answer (headers and body included); the
   * JDK server then closes it. It also bounds how long a connection that sends nothing stays open.
   */
  static final int MAX_REQUEST_SECONDS = 30;
  /** Seconds a client may take to read an answer before its connection is closed. */
  static final int MAX_RESPONSE_SECONDS = 60;
  /** Connections open at once; the JDK server closes any beyond this as soon as it accepts them. */
  static final int MAX_CONNECTIONS = 1000;

  /**
   * The JDK server reads its limits from system properties once, when its first server is made; each is set here
   * unless the operator set it already ({@code SMTPTRAIL_JAVA_OPTS=-Dsun.net.httpserver.maxReqTime=...}).
   */
  private static void limitConnections() {
    System.setProperty(NO_DELAY, "true");
    System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
    System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", Integer.toString(MAX_RESPONSE_SECONDS));
    System.getProperties().putIfAbsent("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
    // a request's headers: at most 100 lines and 32 KB (the JDK's defaults, 200 and 380 KB, are far above a browser's)
    System.getProperties().putIfAbsent("sun.net.httpserver.maxReqHeaders", "100");
    System.getProperties().putIfAbsent("sun.net.httpserver.maxReqHeaderSize", Integer.toString(32 * 1024));
  }

  /**
   * Starts answering.
   *
   * @param tail the in-process tail ({@code --tail}), or null
   * @param err  where failures of requests and of refreshing are printed
   */
  public static QueryServer start(Settings settings, LiveStore index,
      InProcessTail tail, PrintWriter err) throws IOException {
    limitConnections();
    HttpServer http = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 128);
    ExecutorService connections = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("smtptrail-serve-", 1).factory());
    http.setExecutor(connections);
    IndexWatch watch = new IndexWatch(index, settings.refreshEvery(), settings.countEvery(), err);
    Sessions sessions = new Sessions();
    LoginThrottle throttle = new LoginThrottle();
    WebAssets web = new WebAssets(settings.tokens(), sessions, throttle);
    ApiEndpoints api = new ApiEndpoints(watch, settings.maxRows(), settings.tokens() != null);
    ServeMetrics requests = new ServeMetrics();
    MetricsEndpoint metrics = new MetricsEndpoint(watch, tail, requests);

    Map<String, Route> routes = new LinkedHashMap<>();
    routes.put("/", new Route("page", false, false, web::page));
    routes.put(WebAssets.ASSETS, new Route("assets", false, false, web::asset));
    routes.put(WebAssets.LOGIN, new Route("login", true, false, web::login));
    routes.put(WebAssets.LOGOUT, new Route("logout", true, false, web::logout));
    routes.put(ApiEndpoints.TRACE, new Route("trace", true, true, api::trace));
    routes.put(ApiEndpoints.CHECK, new Route("check", true, true, api::check));
    routes.put(ApiEndpoints.EVENTS, new Route("events", false, true, api::events));
    routes.put(ApiEndpoints.STATS, new Route("stats", true, true, api::stats));
    routes.put(ApiEndpoints.SESSION, new Route("session", true, false, api::session));
    routes.put(ApiEndpoints.TOTALS, new Route("totals", true, true, api::totals));
    routes.put(ApiEndpoints.SUGGEST, new Route("suggest", true, true, api::suggest));
    routes.put("/api/", new Route("api", false, false, exchange -> {
      throw new RequestException(404, "no such endpoint: the API has " + String.join(", ", List.of(
          ApiEndpoints.TRACE, ApiEndpoints.CHECK, ApiEndpoints.EVENTS + "KEY", ApiEndpoints.STATS,
          ApiEndpoints.SESSION, ApiEndpoints.TOTALS, ApiEndpoints.SUGGEST)));
    }));
    routes.put(MetricsEndpoint.PATH, new Route("metrics", true, true, metrics::metrics));

    Map<String, String> endpoints = new LinkedHashMap<>();
    routes.forEach((path, route) -> endpoints.put(path, route.name()));
    AccessFilter access = new AccessFilter(settings.tokens(), sessions, settings.support(),
        localHosts(settings.bind()), throttle);
    // one metrics object: the guard counts every request, /metrics renders the same counts
    GuardFilter guard = new GuardFilter(requests, endpoints, err);
    Admission admission = new Admission(settings.threads(), settings.budget());
    for (Map.Entry<String, Route> entry : routes.entrySet()) {
      HttpContext context = http.createContext(entry.getKey(), entry.getValue().handler(entry.getKey()));
      context.getFilters().add(guard);
      context.getFilters().add(access);
      if (entry.getValue().computes()) {
        context.getFilters().add(admission); // after the token check: a caller without one takes no worker
      }
    }
    watch.start();
    http.start();
    return new QueryServer(http, connections, watch);
  }

  /** The names a request may give in its Host header when the server has no tokens: this machine's own. */
  private static Set<String> localHosts(InetAddress bind) {
    Set<String> hosts = new TreeSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
    hosts.add(bind instanceof Inet6Address ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress());
    return hosts;
  }

  /**
   * An endpoint: its name in the metrics, whether its path must match exactly, whether answering it reads the
   * index (and so waits for one of the {@code --threads} workers), and what answers it.
   */
  private record Route(String name, boolean exact, boolean computes, Answer answer) {
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
    connections.shutdownNow();
    watch.close();
  }
}
