package org.smtptrail.cli.serve;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import org.smtptrail.engine.store.QueryRefusedException;
import org.smtptrail.engine.store.TimeBudgetExceededException;

/**
 * The outermost filter: every response gets the security headers, every request is counted and timed, and no
 * request can take the server down: a {@link RequestException} becomes its status with a one-line JSON error, a query
 * stopped at the end of its time budget a 503, any other failure a 500 (printed with its stack trace to stderr), and the exchange is always closed.
 */
final class GuardFilter extends Filter {
  /**
   * Nothing but this server's own files may run or load on its pages, and no other site may frame them: with every
   * datum inserted as text, a log line full of markup stays text.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
      + " img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none';"
      + " object-src 'none'";

  private final ServeMetrics metrics;
  private final Map<String, String> endpointByContext;
  private final PrintWriter err;

  GuardFilter(ServeMetrics metrics, Map<String, String> endpointByContext, PrintWriter err) {
    this.metrics = metrics;
    this.endpointByContext = endpointByContext;
    this.err = err;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) {
    long start = System.nanoTime();
    try {
      secure(exchange.getResponseHeaders());
      chain.doFilter(exchange);
    } catch (RequestException refused) {
      answer(exchange, refused.status(), refused.getMessage());
    } catch (QueryRefusedException refused) { // a filter the engine will not search (too long, too complex)
      answer(exchange, 400, refused.getMessage());
    } catch (TimeBudgetExceededException slow) {
      exchange.getResponseHeaders().set("Retry-After", "1");
      answer(exchange, 503, slow.getMessage() + "; narrow the search (a whole address, a time range)");
    } catch (Exception | StackOverflowError fault) {
      synchronized (err) {
        err.println("smtptrail serve: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
            + " failed:");
        fault.printStackTrace(err);
        err.flush();
      }
      answer(exchange, 500, "internal error (" + fault.getClass().getSimpleName() + "); the server log has"
          + " the details");
    } finally {
      int status = exchange.getResponseCode();
      metrics.record(endpointByContext.getOrDefault(exchange.getHttpContext().getPath(), "other"),
          status < 0 ? 500 : status, System.nanoTime() - start);
      exchange.close();
    }
  }

  private static void answer(HttpExchange exchange, int status, String message) {
    if (exchange.getResponseCode() >= 0) {
      return; // the headers are out: all that is left is to close the exchange
    }
    try {
      Responses.error(exchange, status, message);
    } catch (IOException clientGone) {
      // the client hung up; nothing to answer
    }
  }

  static void secure(Headers headers) {
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    headers.set("Cache-Control", "no-store");
  }

  @Override
  public String description() {
    return "smtptrail guard: security headers, metrics, errors as JSON";
  }
}
