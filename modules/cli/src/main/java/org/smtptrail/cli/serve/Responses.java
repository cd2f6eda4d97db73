package org.smtptrail.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writing a response: the body whole, gzipped when the client takes it and it is worth it. */
final class Responses {
  static final String JSON = "application/json; charset=utf-8";
  private static final int GZIP_FROM_BYTES = 1024;

  private Responses() {}

  /** Refuses (405, with the Allow header) a request whose method is none of these. */
  static void allow(HttpExchange exchange, String... methods) {
    for (String method : methods) {
      if (method.equals(exchange.getRequestMethod())) {
        return;
      }
    }
    exchange.getResponseHeaders().set("Allow", String.join(", ", methods));
    throw new RequestException(405, exchange.getRequestMethod() + " is not allowed here; use "
        + String.join(" or ", methods));
  }

  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, JSON, HtmlSafeJson.bytes(body));
  }

  /** A one-line JSON error: {@code {"error":"..."}}. */
  static void error(HttpExchange exchange, int status, String message) throws IOException {
    json(exchange, status, Map.of("error", message));
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    if (!head && body.length >= GZIP_FROM_BYTES && acceptsGzip(exchange)) {
      body = gzip(body);
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      exchange.getResponseHeaders().add("Vary", "Accept-Encoding");
    }
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /** A redirect to a path of this server (after a form post: the browser then GETs it). */
  static void seeOther(HttpExchange exchange, String path) throws IOException {
    exchange.getResponseHeaders().set("Location", path);
    exchange.sendResponseHeaders(303, -1);
    exchange.close();
  }

  static boolean acceptsGzip(HttpExchange exchange) {
    String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
    return accepted != null && accepted.contains("gzip");
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream packed = new ByteArrayOutputStream(body.length / 4);
    try (GZIPOutputStream out = new GZIPOutputStream(packed)) {
      out.write(body);
    }
    return packed.toByteArray();
  }
}
