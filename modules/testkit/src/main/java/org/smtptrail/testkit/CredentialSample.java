package org.smtptrail.testkit;

import java.util.List;

/**
 * Lines of a format that show credentials, and the secrets in them (base64 and decoded), none of which may reach an
 * event: what {@link LogFormatTestCase} checks for every format.
 *
 * @param lines   the log, in file order
 * @param secrets texts that must appear in no event
 */
public record CredentialSample(List<String> lines, List<String> secrets) {
  public CredentialSample {
    lines = List.copyOf(lines);
    secrets = List.copyOf(secrets);
  }
}
