package org.smtptrail.cli.serve;

import com.sun.net.httpserver.Headers;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins of the web page on a server with tokens: the login form trades a token for a random session id, kept in a
 * cookie the page's script cannot read ({@code HttpOnly}) and the browser never sends from another site
 * ({@code SameSite=Strict}). Sessions live in memory for {@link #LIFETIME}; a restart logs everyone out.
 */
final class Sessions {
  static final String COOKIE = "smtptrail_session";
  static final Duration LIFETIME = Duration.ofHours(12);
  /** Enough for a support team; a flood of logins (each needs a valid token) cannot grow the map without bound. */
  private static final int MAX_SESSIONS = 10_000;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  private record Session(Role role, Instant expires) {}

  /** A new session for a role; its id goes in the cookie. */
  String open(Role role) {
    Instant now = Instant.now();
    sessions.values().removeIf(session -> session.expires().isBefore(now));
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.clear(); // everyone logs in again: better than refusing the newest
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(id, new Session(role, now.plus(LIFETIME)));
    return id;
  }

  Optional<Role> roleOf(String id) {
    Session session = id == null ? null : sessions.get(id);
    if (session == null || session.expires().isBefore(Instant.now())) {
      return Optional.empty();
    }
    return Optional.of(session.role());
  }

  void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** The session id a request's cookies carry, or null. */
  static String idOf(Headers headers) {
    for (String cookies : headers.getOrDefault("Cookie", java.util.List.of())) {
      for (String cookie : cookies.split(";")) {
        String pair = cookie.strip();
        if (pair.startsWith(COOKIE + "=")) {
          return pair.substring(COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  static String cookie(String id) {
    return COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + LIFETIME.toSeconds();
  }

  static String expiredCookie() {
    return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  }
}
