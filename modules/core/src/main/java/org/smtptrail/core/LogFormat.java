package org.smtptrail.core;

import java.util.List;

/**
 * A log format smtptrail can read: the SPI a format module implements and registers with one line in
 * {@code META-INF/services/org.smtptrail.core.LogFormat}. Implementations are small: a name, a sniff and a factory.
 */
public interface LogFormat {
  /** Lower-case name, {@code [a-z][a-z0-9-]*}, used by {@code --format} and in message keys. */
  String name();

  /** One line for {@code smtptrail formats}. */
  String description();

  /**
   * How sure this format is that a file starting with these lines is its own, from 0 (not mine) to 100 (certainly
   * mine). The lines are the first few non-empty lines of the file.
   */
  int sniff(List<String> firstLines);

  /** A fresh parser for one file. */
  LineParser newParser(ParseContext context);
}
