package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.smtptrail.cli.serve.AccessTokens;
import org.smtptrail.cli.serve.QueryServer;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.store.LiveStore;
import org.smtptrail.engine.store.Store;

/**
 * A real {@code serve} for the tests: a data folder indexed through the CLI from the sample logs (all formats) and
 * the hand-written markup log, and a {@link QueryServer} over it on 127.0.0.1, port 0; plus an HTTP client.
 */
final class ServedIndex implements AutoCloseable {
  static final Path SAMPLES = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"));
  /** The recipient of markup.log whose quoted local part holds a script tag. */
  static final String SCRIPT_RECIPIENT = "\"<script>alert(1)</script>\"@example.net";

  private final LiveStore index;
  private final QueryServer server;
  private final StringWriter log;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  final Path data;

  private ServedIndex(Path data, LiveStore index, QueryServer server, StringWriter log) {
    this.data = data;
    this.index = index;
    this.server = server;
    this.log = log;
  }

  /** Indexes every sample folder and markup.log into {@code data}. */
  static void indexSamples(Path data, Path temp) throws IOException {
    List<String> args = new ArrayList<>(List.of("index", "--data", data.toString(), "--timezone", "UTC"));
    sampleFolders().forEach(args::add);
    args.add(markupLog(temp).toString());
    CliRun index = CliRun.of(args.toArray(String[]::new));
    assertThat(index.exitCode()).as(index.err()).isZero();
  }

  /**
   * The sample folders of every format, by name; not the golden cases (sample-logs/cases), which each say how they
   * are read and are indexed one by one by GoldenCasesIT.
   */
  static List<String> sampleFolders() throws IOException {
    try (Stream<Path> folders = Files.list(SAMPLES)) {
      return folders.filter(Files::isDirectory).filter(folder -> !folder.getFileName().toString().equals("cases"))
          .map(Path::toString).sorted().toList();
    }
  }

  /** markup.log copied into {@code folder}, dated the day after its lines. */
  static Path markupLog(Path folder) throws IOException {
    Path log = Files.createDirectories(folder.resolve("markup")).resolve("mail.log");
    try (InputStream in = ServedIndex.class.getResourceAsStream("/serve/markup.log")) {
      Files.copy(in, log);
    }
    Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2026-11-24T00:00:00Z")));
    return log;
  }

  /** A request's time budget in tests: as the default of serve's --request-seconds. */
  static final Duration BUDGET = Duration.ofSeconds(10);

  /** Loopback, no tokens, refreshed every 50 ms, rows counted on every change. */
  static QueryServer.Settings settings() {
    return settings(null, false, 2000);
  }

  static QueryServer.Settings settings(AccessTokens tokens, boolean support, int maxRows) {
    return new QueryServer.Settings(InetAddress.getLoopbackAddress(), 0, tokens, support, 4, maxRows, BUDGET,
        Duration.ofMillis(50), Duration.ZERO);
  }

  /** Indexes every sample folder and markup.log into {@code temp/data}, and serves it. */
  static ServedIndex samples(Path temp, QueryServer.Settings settings) throws IOException {
    indexSamples(temp.resolve("data"), temp);
    return start(temp.resolve("data"), settings);
  }

  static ServedIndex start(Path data, QueryServer.Settings settings) throws IOException {
    return start(data, LocalStore.DEFAULT, settings);
  }

  /** Serves {@code store} (the agent's data folder {@code data}). */
  static ServedIndex start(Path data, Store store, QueryServer.Settings settings) throws IOException {
    LiveStore index = store.openLive(new DataDirectory(data), null);
    StringWriter log = new StringWriter();
    QueryServer server = QueryServer.start(settings, index, null, new PrintWriter(log, true));
    return new ServedIndex(data, index, server, log);
  }

  URI uri() {
    return server.uri();
  }

  /** The server's address without the trailing slash, as a user types it for --server. */
  String url() {
    String uri = server.uri().toString();
    return uri.substring(0, uri.length() - 1);
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri().resolve(pathAndQuery)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  HttpResponse<String> postForm(String path, String form, String... headers) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri().resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /**
   * Sends a request as written, over a plain socket: for what an HTTP client refuses to send (a malformed query
   * string, another Host header). Returns the whole response.
   */
  String raw(String request) throws IOException {
    try (java.net.Socket socket = new java.net.Socket(uri().getHost(), uri().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** What the server printed to stderr (failed requests, refresh problems). */
  String log() {
    return log.toString();
  }

  @Override
  public void close() throws IOException {
    http.close();
    server.close();
    index.close();
  }
}
