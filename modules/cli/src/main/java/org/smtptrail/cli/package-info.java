/**
 * The {@code smtptrail} command line: one class per subcommand ({@code *Command}), shared options as mixins in
 * {@code options}, output renderers in {@code render}. {@link org.smtptrail.cli.Main} is the only caller of
 * {@code System.exit}.
 */
package org.smtptrail.cli;
