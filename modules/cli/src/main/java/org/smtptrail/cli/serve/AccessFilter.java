package org.smtptrail.cli.serve;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may ask. Without tokens (a loopback bind) everyone on this machine may, but only under this machine's names
 * in the Host header: a web page elsewhere that rebinds its DNS name to 127.0.0.1 gets a 403, not the logs. With
 * tokens every request needs one, as {@code Authorization: Bearer TOKEN} or the session cookie of the login form;
 * without it the answer is a 401 (the login form, for the page itself). The static assets and the login form carry
 * no data and are open to all. The role found is the request's {@link #role()} while it is answered.
 *
 * <p>A request that changes state (any method but GET and HEAD: logging in and out) must come from this server's own
 * page: a browser says where a request comes from ({@code Sec-Fetch-Site}, {@code Origin}), and another site's form
 * posting here gets a 403, so it can neither log a browser in under the attacker's token nor log it out. A client
 * that sends neither header is no browser (curl, the CLI) and cannot be led by another site. Wrong tokens are
 * counted per client address ({@link LoginThrottle}).
 */
final class AccessFilter extends Filter {
  /**
   * The role of the request this thread answers. Not an exchange attribute: the JDK server keeps those in the
   * exchange's context, shared by every request to the same path, so a support request could read the role of an
   * admin request answered at the same moment. A request is filtered and answered on one thread, so the thread is
   * where its role belongs.
   */
  private static final ThreadLocal<Role> ROLE = new ThreadLocal<>();

  private final AccessTokens tokens;
  private final Sessions sessions;
  private final boolean support;
  private final Set<String> localHosts;
  private final LoginThrottle throttle;

  /**
   * @param tokens     the tokens, or null when the server needs none
   * @param support    every caller gets the support role ({@code serve --support})
   * @param localHosts the host names a request may name when there are no tokens
   * @param throttle   failed token checks per client, shared with the login form
   */
  AccessFilter(AccessTokens tokens, Sessions sessions, boolean support, Set<String> localHosts,
      LoginThrottle throttle) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.support = support;
    this.localHosts = localHosts;
    this.throttle = throttle;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    if (tokens == null && !localHosts.contains(hostOf(exchange))) {
      throw new RequestException(403, "this server answers only to " + String.join(", ", localHosts.stream()
          .sorted().toList()) + " in the Host header; bind it elsewhere with a token (--bind, --token-file)");
    }
    refuseOtherSites(exchange);
    String path = exchange.getRequestURI().getPath();
    if (path.startsWith(WebAssets.ASSETS) || path.equals(WebAssets.LOGIN)) {
      chain.doFilter(exchange);
      return;
    }
    Optional<Role> role = tokens == null ? Optional.of(Role.admin) : authenticated(exchange);
    if (role.isEmpty()) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"smtptrail\"");
      if (path.equals("/")) {
        WebAssets.loginPage(exchange, 401);
        return;
      }
      throw new RequestException(401, "this server needs a token: send 'Authorization: Bearer TOKEN'"
          + " (smtptrail --server URL --token-file FILE), or log in at /login");
    }
    ROLE.set(support ? Role.support : role.get());
    try {
      chain.doFilter(exchange);
    } finally {
      ROLE.remove();
    }
  }

  /** The role of the request being answered on this thread (set only while it passes this filter). */
  static Role role() {
    Role role = ROLE.get();
    if (role == null) {
      throw new IllegalStateException("no role: the request did not pass the access filter");
    }
    return role;
  }

  private Optional<Role> authenticated(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return checkToken(exchange, tokens, throttle, authorization.substring(7).strip());
    }
    return sessions.roleOf(Sessions.idOf(exchange.getRequestHeaders()));
  }

  /**
   * The role of a token a client presents, counted by the throttle: a client locked out gets a 429 and its token is
   * not looked at.
   */
  static Optional<Role> checkToken(HttpExchange exchange, AccessTokens tokens, LoginThrottle throttle,
      String token) {
    InetAddress client = exchange.getRemoteAddress().getAddress();
    Duration locked = throttle.lockedFor(client);
    if (!locked.isZero()) {
      long seconds = Math.max(1, (locked.toMillis() + 999) / 1000);
      exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
      throw new RequestException(429, "too many wrong tokens from this address; try again in " + seconds + " s");
    }
    Optional<Role> role = tokens.roleOf(token);
    if (role.isPresent()) {
      throttle.succeeded(client);
    } else {
      throttle.failed(client);
    }
    return role;
  }

  /** A state-changing request from another site's page: 403 (see the class comment). */
  private static void refuseOtherSites(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return;
    }
    String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    boolean fromHere = site != null ? site.equals("same-origin") || site.equals("none")
        : origin == null || sameHost(origin, exchange.getRequestHeaders().getFirst("Host"));
    if (!fromHere) {
      throw new RequestException(403, method + " from another site's page is refused: use this server's own page");
    }
  }

  /** Whether an Origin header ({@code http://host:port}) names the host the request was sent to. */
  static boolean sameHost(String origin, String host) {
    int scheme = origin.indexOf("://");
    return scheme > 0 && host != null
        && origin.substring(scheme + 3).toLowerCase(Locale.ROOT).equals(host.strip().toLowerCase(Locale.ROOT));
  }

  /** The Host header's name, without port and in lower case ("" when absent). */
  static String hostOf(HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null) {
      return "";
    }
    host = host.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host : host.substring(0, close + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  @Override
  public String description() {
    return "smtptrail access: tokens, sessions and Host names";
  }
}
