package org.smtptrail.engine;

import java.io.IOException;

/** Another process (an {@code index} or {@code tail}) is writing to the same data folder. */
public final class DataDirectoryInUseException extends IOException {
  private static final long serialVersionUID = 1L;

  public DataDirectoryInUseException(String message, Throwable cause) {
    super(message, cause);
  }
}
