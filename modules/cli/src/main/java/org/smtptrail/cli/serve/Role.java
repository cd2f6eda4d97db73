package org.smtptrail.cli.serve;

/** What a caller of the server may see. */
public enum Role {
  /** Everything, as the CLI shows it. */
  admin,
  /** Every answer redacted as {@code --redact} does: only the searched addresses are shown whole. */
  support;

  /** Whether this role's answers are redacted. */
  boolean redacts() {
    return this == support;
  }
}
