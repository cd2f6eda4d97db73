package org.smtptrail.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web page and its files, shipped in the jar (no build step, nothing from a CDN), and the login form of a server
 * with tokens. The pages hold no data: the page's script asks the API and inserts every value as text.
 */
final class WebAssets {
  static final String ASSETS = "/assets/";
  static final String LOGIN = "/login";
  static final String LOGOUT = "/logout";
  private static final String HTML = "text/html; charset=utf-8";
  /** The only files served, by name: nothing else of the jar is reachable. */
  private static final Map<String, String> FILES = Map.of(
      "app.js", "text/javascript; charset=utf-8",
      "words.js", "text/javascript; charset=utf-8",
      "app.css", "text/css; charset=utf-8",
      "favicon.svg", "image/svg+xml",
      "login.js", "text/javascript; charset=utf-8");
  private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

  private final AccessTokens tokens;
  private final Sessions sessions;
  private final LoginThrottle throttle;

  WebAssets(AccessTokens tokens, Sessions sessions, LoginThrottle throttle) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.throttle = throttle;
  }

  /** {@code /}: the page. */
  void page(HttpExchange exchange) throws IOException {
    Responses.allow(exchange, "GET", "HEAD");
    if (!exchange.getRequestURI().getPath().equals("/")) {
      throw new RequestException(404, "no such page: the page is /, the API under /api/");
    }
    Responses.send(exchange, 200, HTML, file("index.html"));
  }

  /** {@code /assets/NAME}: the page's script and style. */
  void asset(HttpExchange exchange) throws IOException {
    Responses.allow(exchange, "GET", "HEAD");
    String name = exchange.getRequestURI().getPath().substring(ASSETS.length());
    String type = FILES.get(name);
    if (type == null) {
      throw new RequestException(404, "no such file");
    }
    Responses.send(exchange, 200, type, file(name));
  }

  /** The login form, as the answer to a request without a token. */
  static void loginPage(HttpExchange exchange, int status) throws IOException {
    Responses.send(exchange, status, HTML, file("login.html"));
  }

  /** {@code /login}: GET shows the form; POST trades a token for a session cookie. */
  void login(HttpExchange exchange) throws IOException {
    Responses.allow(exchange, "GET", "HEAD", "POST");
    if (tokens == null) {
      Responses.seeOther(exchange, "/"); // nothing to log in to
      return;
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      loginPage(exchange, 200);
      return;
    }
    byte[] body = exchange.getRequestBody().readNBytes(4097);
    if (body.length > 4096) {
      throw new RequestException(413, "a login form is smaller than that");
    }
    String form = new String(body, StandardCharsets.UTF_8);
    var role = AccessFilter.checkToken(exchange, tokens, throttle,
        QueryParameters.parse(form, LOGIN, Set.of("token")).text("token"));
    if (role.isEmpty()) {
      Responses.seeOther(exchange, LOGIN + "?failed");
      return;
    }
    exchange.getResponseHeaders().add("Set-Cookie", Sessions.cookie(sessions.open(role.get())));
    Responses.seeOther(exchange, "/");
  }

  /** {@code /logout} (POST): ends the session. */
  void logout(HttpExchange exchange) throws IOException {
    Responses.allow(exchange, "POST");
    sessions.close(Sessions.idOf(exchange.getRequestHeaders()));
    exchange.getResponseHeaders().add("Set-Cookie", Sessions.expiredCookie());
    Responses.seeOther(exchange, tokens == null ? "/" : LOGIN);
  }

  private static byte[] file(String name) {
    return CACHE.computeIfAbsent(name, WebAssets::load);
  }

  private static byte[] load(String name) {
    try (InputStream in = WebAssets.class.getResourceAsStream("web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("web/" + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
