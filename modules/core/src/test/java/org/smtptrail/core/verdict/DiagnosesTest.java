package org.smtptrail.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiagnosesTest {
  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      550 | 5.1.1 | 550 5.1.1 <a@example.net>: Recipient address rejected: User unknown in local recipient table | recipient-unknown
      550 | 5.1.1 | 550 5.1.1 The email account that you tried to reach does not exist                       | recipient-unknown
      550 |       | 550 Requested action not taken: mailbox unavailable                                           | recipient-unknown
      552 | 5.2.2 | 552 5.2.2 <a@example.net>: Mailbox full                                                      | mailbox-full
      452 | 4.2.2 | 452 4.2.2 The email account that you tried to reach is over quota                             | mailbox-full
      554 | 5.7.1 | 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org          | blocked-or-blacklisted
      550 | 5.7.1 | 550 5.7.1 Our system has detected that this message is likely unsolicited mail                | spam-content
      554 | 5.7.1 | 554 5.7.1 Message rejected as spam by content filter (score 14.2)                             | spam-content
      0   | 5.4.4 | Host or domain name not found. Name service error for name=x.example type=A: Host not found    | dns-mx-failure
      0   | 4.4.1 | connect to mx.example.net[203.0.113.7]:25: Connection refused                                  | connection-failure
      0   | 4.4.2 | conversation with mx.example.net[203.0.113.7] timed out while receiving the initial server greeting | connection-failure
      0   |       | No Server Listening on Port 25                                                                 | connection-failure
      451 | 4.7.1 | 451 4.7.1 <a@example.net>: Recipient address rejected: Greylisted, please try again in 10 seconds | greylisted
      421 | 4.7.28 | 421 4.7.28 Our system has detected an unusual rate of unsolicited mail                        | rate-limited
      552 | 5.3.4 | 552 5.3.4 Message size exceeds fixed maximum message size                                     | message-too-large
      554 | 5.7.1 | 554 5.7.1 <a@example.net>: Relay access denied                                                | relay-denied-or-auth
      550 | 5.7.25 | 550 5.7.25 The IP address sending this message does not have a PTR record setup              | reverse-dns
      0   | 4.7.5 | Cannot start TLS: handshake failure                                                           | tls-failure
      451 | 4.3.0 | 451 4.3.0 Temporary lookup failure, please try again later                                     | other
      550 | 5.1.1 | 550 5.1.1 Sorry                                                                               | recipient-unknown
      552 | 5.2.2 | 552 5.2.2 Sorry                                                                               | mailbox-full
      """)
  void classifiesRealWorldReplies(int code, String enhanced, String text, String expected) {
    assertThat(Diagnoses.classify(code, enhanced, text).wireName()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"recipient-unknown", "mailbox-full", "blocked-or-blacklisted", "spam-content", "dns-mx-failure",
      "connection-failure", "tls-failure", "greylisted", "relay-denied-or-auth", "message-too-large", "rate-limited",
      "reverse-dns", "other"})
  void everyDesignCategoryExistsWithAHint(String wireName) {
    DiagnosisCategory category = DiagnosisCategory.fromWireName(wireName);
    assertThat(category.wireName()).isEqualTo(wireName);
    assertThat(category.hint()).isNotBlank();
  }
}
