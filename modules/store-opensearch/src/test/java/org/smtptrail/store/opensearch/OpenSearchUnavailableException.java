package org.smtptrail.store.opensearch;

/** This machine cannot run a test node (no distribution, no JDK 21+, no setpriv when root): a reason to skip. */
final class OpenSearchUnavailableException extends RuntimeException {
  OpenSearchUnavailableException(String message) {
    super(message);
  }
}
