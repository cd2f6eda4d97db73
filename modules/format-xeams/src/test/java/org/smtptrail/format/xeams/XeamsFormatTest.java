package org.smtptrail.format.xeams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import org.smtptrail.core.LogFormat;
import org.smtptrail.testkit.CredentialSample;
import org.smtptrail.testkit.Fixtures;
import org.smtptrail.testkit.LogFormatTestCase;

class XeamsFormatTest extends LogFormatTestCase {
  @Override
  protected LogFormat format() {
    return new XeamsFormat();
  }

  @Override
  protected List<String> ownFixtures() {
    return List.of(
        "/xeams/verified-excerpts.log",
        "/xeams/failure-verified.log",
        "/xeams/SMTPOutboundConversation.log",
        "/xeams/pipelined-two-messages.log",
        "/xeams/OutboundAuditTrailSuccess.log",
        "/xeams/OutboundAuditTrailFailure.log",
        "/xeams/SmtpQueue.log",
        "/xeams/crlf-failure.log",
        "/xeams/tolerated-shapes.log",
        "/xeams/auth-exchanges.log");
  }

  /** Secrets of auth-exchanges.log and inbound-auth.log, base64 as logged and decoded. */
  static final List<String> SECRETS = List.of("cmVsYXktdXNlckBleGFtcGxlLmNvbQ==", "relay-user@example.com",
      "TDBnaW4tUGE1NXdvcmQ=", "L0gin-Pa55word", "AHBsYWluLXVzZXJAZXhhbXBsZS5jb20AUGxhMW4tU2FtZS1MaW5l",
      "plain-user@example.com", "Pla1n-Same-Line", "AG5leHQtbGluZUBleGFtcGxlLmNvbQBOZXh0LUwxbmUtU2VjcmV0",
      "next-line@example.com", "Next-L1ne-Secret", "oauth-user@example.com", "ya29.0auth-T0ken-Secret",
      "dXNlcj1vYXV0aC11c2VyQGV4YW1wbGUuY29tAWF1dGg9QmVhcmVyIHlhMjkuMGF1dGgtVDBrZW4tU2VjcmV0AQE=",
      "YnJ1bm8ubWlyYW5kYTg4OA==", "bruno.miranda888", "SW5iMHVuZC1TZWNyZXQ=", "Inb0und-Secret");

  /** AUTH LOGIN, PLAIN (same line, next line), CRAM-MD5 cancelled, XOAUTH2 refused; and an inbound log's shape. */
  @Override
  protected CredentialSample credentialSample() {
    List<String> lines = new ArrayList<>(Fixtures.lines("/xeams/auth-exchanges.log"));
    lines.addAll(Fixtures.lines("/xeams/inbound-auth.log"));
    return new CredentialSample(lines, SECRETS);
  }

  /** The base's list starts with a Xeams line; these are the others, plus a log4j service line without LCID. */
  @Override
  protected List<String> foreignLines() {
    return List.of(
        "Nov 23 10:00:01 mx1 postfix/smtp[6610]: 3F2A81C0D2: to=<a@example.net>, relay=none, status=deferred",
        "2026-11-23T09:34:14.585294+00:00 mx1 postfix/qmgr[7]: 4jY13p3hDpzBrbP: removed",
        "2026-11-23 10:00:01 +0200 02 mail SMTP-IN:0000002A: Connection accepted from 192.0.2.1",
        "192.0.2.1 - - [23/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 612",
        "2026-03-02 09:15:04,211 INFO  Xeams service started",
        "just some text");
  }

  @Test
  void sniffWeighsTheLcidAndIgnoresContinuationLines() {
    assertThat(format().sniff(Fixtures.lines("/xeams/OutboundAuditTrailFailure.log"))).isEqualTo(100);
    assertThat(format().sniff(List.of("2026-03-02 09:45:06,900 - Processing outbound queue, 2 message(s)")))
        .isEqualTo(50);
    assertThat(format().sniff(List.of("2026-03-02 09:15:04,211 INFO  Xeams service started"))).isZero();
  }

  @Test
  void nameIsTheConstant() {
    assertThat(format().name()).isEqualTo(XeamsFormat.NAME).isEqualTo("xeams");
  }
}
