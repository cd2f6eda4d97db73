package org.smtptrail.store.opensearch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where an OpenSearch store is, as a user writes it: {@code http://127.0.0.1:9200} or
 * {@code https://os1:9200/smtptrail}, the path being the index prefix ({@value LayoutSettings#DEFAULT_PREFIX} when
 * there is none).
 *
 * @param node   the node's address, scheme, host and port only
 * @param prefix the index prefix
 */
public record StoreAddress(URI node, String prefix) {
  private static final int DEFAULT_PORT = 9200;

  /**
   * Reads a store URL.
   *
   * @throws IllegalArgumentException naming what is wrong with it (a scheme other than http/https, no host, a prefix
   *                                  OpenSearch would refuse, a query or credentials in the URL)
   */
  public static StoreAddress parse(String url) {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("store URL '" + url + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("store URL '" + url
          + "' must start with http:// or https:// (e.g. http://127.0.0.1:9200/smtptrail)");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("store URL '" + url + "' names no host");
    }
    if (uri.getRawUserInfo() != null) {
      // a password in a URL ends up in the process list and in logs
      throw new IllegalArgumentException("store URL '" + uri.getHost() + "' must not hold credentials");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("store URL '" + url + "' must not have a query or a fragment");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
    String prefix = path.isEmpty() ? LayoutSettings.DEFAULT_PREFIX : path;
    new LayoutSettings(prefix, 1, 1, 0); // checks the prefix, with its own message
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    return new StoreAddress(URI.create(scheme + "://" + uri.getHost() + ":" + port), prefix);
  }

  /** The URL as the user can check it (no credentials are ever in it). */
  @Override
  public String toString() {
    return node + "/" + prefix;
  }
}
