package org.smtptrail.format.axigen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.LogFormat;
import org.smtptrail.testkit.CredentialSample;
import org.smtptrail.testkit.Fixtures;
import org.smtptrail.testkit.LogFormatTestCase;

class AxigenFormatTest extends LogFormatTestCase {
  /**
   * Every fixture with message events and only lines of known shapes (unknown-lines.log and the event-less
   * other-modules-noise.log belong to the parser test).
   */
  static final List<String> OWN_FIXTURES = List.of(
      "/axigen/relayed-accepted.log",
      "/axigen/deferred-then-sent.log",
      "/axigen/bounced-with-report.log",
      "/axigen/local-default-level.log",
      "/axigen/multi-recipient-mixed.log",
      "/axigen/two-messages-one-session.log",
      "/axigen/smtp-in-greylisted.log",
      "/axigen/smtp-out-ties.log",
      "/axigen/syslog-classic.log",
      "/axigen/syslog-rfc3339-with-level.log",
      "/axigen/variant-prefixes.log",
      "/axigen/variant-smtp-out-markers.log",
      "/axigen/default-level-relayed.log",
      "/axigen/default-level-mixed.log",
      "/axigen/default-level-ties.log",
      "/axigen/state-word-variants.log",
      "/axigen/auth-exchanges.log");

  /** Secrets of auth-exchanges.log, base64 as logged and decoded (the SMTP-IN user name is the sender: kept). */
  static final List<String> SECRETS = List.of("ZGF2ZUBleGFtcGxlLmNvbQ==", "QXgxZ2VuLUluLVNlY3JldA==",
      "Ax1gen-In-Secret", "AHJlbGF5QGV4YW1wbGUuY29tAFNtNHJ0aG9zdC1TZWNyZXQ=", "relay@example.com", "Sm4rthost-Secret");

  /** Protocol level: AUTH LOGIN on SMTP-IN, AUTH PLAIN with its initial response on SMTP-OUT. */
  @Override
  protected CredentialSample credentialSample() {
    return new CredentialSample(Fixtures.lines("/axigen/auth-exchanges.log"), SECRETS);
  }

  @Override
  protected LogFormat format() {
    return new AxigenFormat();
  }

  @Override
  protected List<String> ownFixtures() {
    return OWN_FIXTURES;
  }

  /** The base's list holds an Axigen line; these are other formats' lines only. */
  @Override
  protected List<String> foreignLines() {
    return List.of(
        "2024-03-21 11:39:49,056 - [   7054286] ************ New (secure) connection to: 192.0.2.26",
        "Nov 23 09:33:00 mx1 postfix/smtp[6610]: 8F25A16035C: to=<alice@example.net>, relay=mx.example.net[192.0.2.2]"
            + ":25, delay=0.1, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as C16D670815)",
        "2026-11-23T09:34:14.585294+00:00 mx1 postfix/smtpd[7845]: NOQUEUE: reject: RCPT from x[192.0.2.1]: 550 5.1.1",
        "192.0.2.1 - - [23/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 612",
        "just some text");
  }

  @Test
  void nameIsTheConstantAndTheFormatIsTiny() {
    assertThat(format().name()).isEqualTo(AxigenFormat.NAME).isEqualTo("axigen");
    assertThat(format().newParser(new org.smtptrail.core.ParseContext("x", java.time.ZoneOffset.UTC,
        REFERENCE_TIME, null))).isInstanceOf(AxigenLineParser.class);
  }

  @Test
  void sniffCountsAxigenLinesAmongOthers() {
    List<String> mixed = List.of(
        Fixtures.lines("/axigen/relayed-accepted.log").get(0),
        "Nov 22 14:00:08 mx2 dovecot[11]: imap-login: Login: user=<a@example.com>",
        "just some text",
        "Nov 22 14:00:07 mx2 axigen[2817]: PROCESSING:0000D0AB: Set recipient <b@example.com> state to SENT");
    assertThat(format().sniff(mixed)).isEqualTo(50);
  }
}
