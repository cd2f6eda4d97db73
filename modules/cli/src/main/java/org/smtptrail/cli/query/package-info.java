/**
 * What {@code trace}, {@code check}, {@code events} and {@code stats} ask, answered either from the index on disk
 * ({@link org.smtptrail.cli.query.LocalQueries}) or by a running {@code smtptrail serve}
 * ({@link org.smtptrail.cli.query.ServerQueries}); the commands print both alike.
 */
package org.smtptrail.cli.query;
