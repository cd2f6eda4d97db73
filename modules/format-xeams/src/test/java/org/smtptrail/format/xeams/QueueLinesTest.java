package org.smtptrail.format.xeams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smtptrail.format.xeams.QueueLines.Kind;
import org.smtptrail.format.xeams.QueueLines.QueueLine;

class QueueLinesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      Message queued for retry. Recipient(s): bob@example.net, Sender: sales@example.com, Reason: 452 4.2.2 Mailbox full | QUEUED    | bob@example.net                   | sales@example.com
      Message queued for retry. Recipient(s): a@example.net, b@example.net, Sender: <s@example.com>                      | QUEUED    | a@example.net b@example.net       | s@example.com
      Retry attempt 1 succeeded. Recipient: bob@example.net, removed from queue                                          | DELIVERED | bob@example.net                   | -
      Retry attempt 1 failed. Recipient: carol@example.org, Reason: No Server Listening on Port 25, next attempt in 30 minutes | RETRY | carol@example.org             | -
      Retry count exceeded (144). Giving up on carol@example.org, non-delivery report sent to hr@example.com.            | GAVE_UP   | carol@example.org                 | hr@example.com
      Permanent failure, not queued. Recipient: dave@example.net, Reason: 550 5.1.1 User unknown                         | PERMANENT | dave@example.net                  | -
      Message to erin@example.org deleted manually by admin                                                              | DELETED   | erin@example.org                  | -
      Message queued for retry. Recipient(s): kim@example.net, Reason: 552 quota exceeded, maximum reached               | QUEUED    | kim@example.net                   | -
      Queue file 1234.eml locked by another process                                                                      | UNKNOWN   | -                                 | -
      """)
  void keywordsOutsideTheQuotedReasonDecideAndTheSenderFollowsItsLabel(String body, Kind kind, String recipients,
      String sender) {
    QueueLine line = QueueLines.parse(body);
    assertThat(line.kind()).isEqualTo(kind);
    assertThat(line.recipients()).isEqualTo(recipients == null ? List.of() : List.of(recipients.split(" ")));
    assertThat(line.sender()).isEqualTo(sender);
  }
}
