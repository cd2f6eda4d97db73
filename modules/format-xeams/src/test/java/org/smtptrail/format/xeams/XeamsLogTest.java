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
}
