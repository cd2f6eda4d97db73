package org.smtptrail.format.xeams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XeamsLogTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      /opt/Xeams/logs/SMTPOutboundConversation.log                    | CONVERSATION
      /opt/Xeams/logs/SMTPOutboundConversation.log.2026-03-01          | CONVERSATION
      /opt/Xeams/logs/SMTPOutboundConversation.log.2026-03-01.gz       | CONVERSATION
      C:\\Xeams\\logs\\smtpoutboundconversation.log.3                  | CONVERSATION
      OutboundAuditTrailSuccess.log.1                                  | SUCCESS
      OutboundAuditTrailFailure.log                                    | FAILURE
      OutboundAuditTrailFalure.log                                     | FAILURE
      SmtpQueue.log.2026-03-02                                         | QUEUE
      SMTPConversation.log                                             | OTHER
      SMTPProxyConversation.log.2026-03-02                             | OTHER
      Xeams.log                                                        | OTHER
      rcptTerminate.log                                                | OTHER
      outbound.txt                                                     | -
      SMTPOutboundConversation.txt                                     | -
      """)
  void theFileNameNamesTheLogWhateverTheRotationSuffix(String path, XeamsLog expected) {
    assertThat(XeamsLog.ofFileName(path)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ************ New (secure) connection to: 198.51.100.25                                 | CONVERSATION
      S <-- EHLO mail.example.com                                                            | CONVERSATION
      C --> 250 2.1.5 Ok                                                                     | CONVERSATION
      198.51.100.25,bob@example.net,sales@example.com,1,[Failure reason: x],Subject: y       | FAILURE
      alice@example.net,sales@example.com,Subject: Q1 invoice 4471, final                    | SUCCESS
      Message queued for retry. Recipient(s): bob@example.net, Sender: sales@example.com     | QUEUE
      """)
  void aRecordOfAnUnknownFileIsTakenForTheLogItLooksLike(String body, XeamsLog expected) {
    assertThat(XeamsLog.guess(body)).isEqualTo(expected);
  }

  /**
   * Issue 26, case 16: inbound, the remote client's commands are "C -->" and Xeams' replies "S <--"; outbound, Xeams'
   * commands are "S <--" and the remote replies "C -->". An inbound line is none of the outbound logs (OTHER).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ************ New connection from: 203.0.113.61                | OTHER
      C --> EHLO client.example.org                                 | OTHER
      C --> MAIL FROM:<ann@example.org>                             | OTHER
      C --> AUTH LOGIN                                              | OTHER
      C --> dXNlcm5hbWU=                                            | OTHER
      S <-- 334 VXNlcm5hbWU6                                        | OTHER
      S <-- 250 2.1.5 Ok                                            | OTHER
      --> RCPT TO:<bob@example.net>                                 | OTHER
      <-- 221 Bye                                                   | OTHER
      ************ New (secure) connection to: 198.51.100.171       | CONVERSATION
      ************ Unable to connect to 203.0.113.7:25              | CONVERSATION
      S <-- AUTH LOGIN                                              | CONVERSATION
      S <-- dXNlcm5hbWU=                                            | CONVERSATION
      C --> 334 VXNlcm5hbWU6                                        | CONVERSATION
      S <-- RCPT TO:<bob@example.net>                               | CONVERSATION
      <-- QUIT                                                      | CONVERSATION
      --> 221 Bye                                                   | CONVERSATION
      """)
  void aConversationLineIsInboundOrOutboundByItsArrowAndItsContent(String body, XeamsLog expected) {
    assertThat(XeamsLog.guess(body)).isEqualTo(expected);
  }
}
