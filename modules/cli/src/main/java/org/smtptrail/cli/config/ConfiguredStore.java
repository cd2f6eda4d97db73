package org.smtptrail.cli.config;

import java.nio.file.Path;

/**
 * The store a configuration file names, and how to reach it: {@code store:}, {@code store_credentials:} and
 * {@code store_ca:} (the files relative to the configuration's folder). The command line and the environment come
 * before it ({@link org.smtptrail.cli.options.StoreMixin}).
 *
 * @param url         the store's URL, or null for the data folder's index
 * @param credentials the credentials file, or null
 * @param ca          the CA file, or null
 */
public record ConfiguredStore(String url, Path credentials, Path ca) {
  /** A configuration that names no store (or no configuration at all). */
  public static final ConfiguredStore NONE = new ConfiguredStore(null, null, null);
}
