package org.smtptrail.cli.render;

/** The formats rows and totals are written in ({@code --format}). */
public enum OutputFormat {
  table,
  json,
  csv
}
