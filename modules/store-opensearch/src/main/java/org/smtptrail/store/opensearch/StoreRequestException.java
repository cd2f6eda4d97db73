package org.smtptrail.store.opensearch;

import java.io.IOException;

/**
 * OpenSearch refused a request of the store, or could not be reached; the message names the request, the cluster
 * and OpenSearch's reason (or what to check).
 */
public final class StoreRequestException extends IOException {
  public StoreRequestException(String message) {
    super(message);
  }

  public StoreRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
