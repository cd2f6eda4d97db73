package org.smtptrail.store.opensearch;

import java.io.IOException;

/**
 * OpenSearch refused a request of the store, or could not be reached; the message names the request, the cluster
 * and OpenSearch's reason (or what to check).
 */
public final class StoreRequestException extends IOException {
  private final int status;

  public StoreRequestException(String message) {
    this(message, 0, null);
  }

  public StoreRequestException(String message, Throwable cause) {
    this(message, 0, cause);
  }

  /** A refusal with OpenSearch's HTTP status (0: no answer came). */
  StoreRequestException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status OpenSearch answered with, or 0 when it did not answer (unreachable). */
  public int status() {
    return status;
  }
}
