/**
 * The {@code smtptrail.yaml} configuration file: the log sources of {@code index --config} and {@code tail
 * --config}. {@link org.smtptrail.cli.config.ConfigFile} reads it; {@link org.smtptrail.cli.config.ConfigException}
 * says what is wrong with it, where.
 */
package org.smtptrail.cli.config;
