package org.smtptrail.engine.journey;

import java.util.Locale;

/** Compares the ends of an SMTP connection as two servers' logs name them. */
final class Endpoints {
  private Endpoints() {}

  /**
   * Whether {@code endpoint} ("name[ip]:port", "name[ip]", a bare IP or name, as logged for a relay or client) is the
   * server smtptrail knows as {@code host}: the same name or IP, or one name is the other's short form ("mx2" and
   * "mx2.example.com"). Postfix's "unknown" (no reverse DNS) names nothing.
   */
  static boolean names(String endpoint, String host) {
    if (endpoint == null || host == null || host.isBlank()) {
      return false;
    }
    String server = host.strip().toLowerCase(Locale.ROOT);
    String text = endpoint.strip().toLowerCase(Locale.ROOT);
    int open = text.indexOf('[');
    String name;
    String address = null;
    if (open >= 0) {
      name = text.substring(0, open);
      int close = text.indexOf(']', open);
      address = text.substring(open + 1, close < 0 ? text.length() : close);
    } else {
      int colon = text.indexOf(':');
      name = colon >= 0 && text.indexOf(':', colon + 1) < 0 ? text.substring(0, colon) : text;
    }
    if (server.equals(address)) {
      return true;
    }
    if (name.isEmpty() || name.equals("unknown")) {
      return false;
    }
    return name.equals(server) || name.startsWith(server + ".") || server.startsWith(name + ".");
  }
}
