/** Options shared by several subcommands, as picocli mixins, and their converters. */
package org.smtptrail.cli.options;
