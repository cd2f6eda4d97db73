package org.smtptrail.store.opensearch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where an OpenSearch store is, as a user writes it: {@code http://127.0.0.1:9200} or
 * {@code https://os1:9200/smtptrail}, the path being the index prefix ({@value LayoutSettings#DEFAULT_PREFIX} when
 * there is none). Several nodes of one cluster are written with commas, the scheme once:
 * {@code https://os1:9200,os2:9200,os3:9200/smtptrail}; requests go to each in turn, and one that stops answering is
 * left aside until it answers again, so an agent keeps writing while a node is down.
 *
 * @param nodes  the nodes' addresses, scheme, host and port only, in the order written
 * @param prefix the index prefix
 */
public record StoreAddress(List<URI> nodes, String prefix) {
  private static final int DEFAULT_PORT = 9200;

  public StoreAddress {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a store needs at least one node");
    }
  }

  /**
   * Reads a store URL.
   *
   * @throws IllegalArgumentException naming what is wrong with it (a scheme other than http/https, no host, a prefix
   *                                  OpenSearch would refuse, a query or credentials in the URL)
   */
  public static StoreAddress parse(String url) {
    String text = url == null ? "" : url.strip();
    int schemeEnd = text.indexOf("://");
    String scheme = schemeEnd < 0 ? null : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("store URL '" + url
          + "' must start with http:// or https:// (e.g. http://127.0.0.1:9200/smtptrail)");
    }
    String rest = text.substring(schemeEnd + 3);
    int pathStart = firstOf(rest, "/?#");
    String authorities = rest.substring(0, pathStart);
    String tail = rest.substring(pathStart);
    List<URI> nodes = new ArrayList<>();
    String prefix = null;
    if (authorities.contains("@")) {
      // a password in a URL ends up in the process list and in logs
      throw new IllegalArgumentException("store URL must not hold credentials: give them in a file with"
          + " --store-credentials FILE");
    }
    for (String authority : authorities.split(",", -1)) {
      URI node = node(url, scheme + "://" + authority.strip() + tail);
      if (prefix == null) {
        prefix = prefix(node);
      }
      nodes.add(URI.create(scheme + "://" + node.getHost() + ":" + (node.getPort() < 0 ? DEFAULT_PORT
          : node.getPort())));
    }
    return new StoreAddress(nodes, prefix);
  }

  private static URI node(String url, String single) {
    URI uri;
    try {
      uri = new URI(single);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("store URL '" + url + "' is not a URL: " + e.getReason());
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("store URL '" + url + "' names no host"
          + (url.contains(",") ? " in one of its comma-separated nodes" : ""));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("store URL '" + url + "' must not have a query or a fragment");
    }
    return uri;
  }

  private static String prefix(URI node) {
    String path = node.getPath() == null ? "" : node.getPath().replaceAll("^/+|/+$", "");
    String prefix = path.isEmpty() ? LayoutSettings.DEFAULT_PREFIX : path;
    new LayoutSettings(prefix, 1, 1, 0); // checks the prefix, with its own message
    return prefix;
  }

  private static int firstOf(String text, String marks) {
    for (int i = 0; i < text.length(); i++) {
      if (marks.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }

  /** The nodes as messages name them: {@code https://os1:9200} or {@code https://os1:9200,os2:9200}. */
  public String nodesText() {
    String scheme = nodes.getFirst().getScheme() + "://";
    return scheme + nodes.stream().map(node -> node.getHost() + ":" + node.getPort())
        .collect(Collectors.joining(","));
  }

  /** The URL as the user can check it (no credentials are ever in it). */
  @Override
  public String toString() {
    return nodesText() + "/" + prefix;
  }
}
