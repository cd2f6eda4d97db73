package org.smtptrail.cli.config;

/**
 * A configuration file that cannot be used, with where and why: {@code FILE:LINE:COLUMN: what was expected}. A usage
 * error (exit code 2), like a bad option.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
