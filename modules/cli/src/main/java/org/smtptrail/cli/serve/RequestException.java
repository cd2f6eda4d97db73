package org.smtptrail.cli.serve;

/**
 * A request the server answers with an error status and a one-line message (400 bad parameter, 404 unknown key,
 * 503 no index yet), as opposed to a fault of the server (500).
 */
final class RequestException extends RuntimeException {
  private final int status;

  RequestException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
