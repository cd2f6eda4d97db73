package org.smtptrail.store.opensearch;

import java.io.IOException;

/** The cluster refused a part of the layout; the message says which request and OpenSearch's reason. */
public final class StoreLayoutException extends IOException {
  public StoreLayoutException(String message) {
    super(message);
  }
}
