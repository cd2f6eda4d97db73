package org.smtptrail.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

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
      550 | 5.1.1 | 550 5.1.1 Sorry                                                                               | recipient-unknown
      552 | 5.2.2 | 552 5.2.2 Sorry                                                                               | mailbox-full
      """)
  void classifiesRealWorldReplies(int code, String enhanced, String text, String expected) {
    assertThat(Diagnoses.classify(code, enhanced, text).wireName()).isEqualTo(expected);
  }

  /** Postfix's own reply texts (smtpd restrictions, the smtp client, local delivery), each with its category. */
  @ParameterizedTest(name = "{2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      450 | 4.7.1  | 450 4.7.1 <bad.helo>: Helo command rejected: Host not found                                      | helo-rejected
      504 | 5.5.2  | 504 5.5.2 <ws1>: Helo command rejected: need fully-qualified hostname                           | helo-rejected
      501 | 5.5.2  | 501 5.5.2 <a_b!>: Helo command rejected: Invalid name                                          | helo-rejected
      450 | 4.1.8  | 450 4.1.8 <mary@nowhere.example.org>: Sender address rejected: Domain not found                | sender-rejected
      504 | 5.5.2  | 504 5.5.2 <mary>: Sender address rejected: need fully-qualified address                        | sender-rejected
      553 | 5.7.1  | 553 5.7.1 <ceo@example.com>: Sender address rejected: not owned by user mary                   | sender-rejected
      450 | 4.1.2  | 450 4.1.2 <rita@nowhere.example.org>: Recipient address rejected: Domain not found             | dns-mx-failure
      504 | 5.5.2  | 504 5.5.2 <rita>: Recipient address rejected: need fully-qualified address                     | recipient-unknown
      550 | 5.1.1  | 550 5.1.1 <rita@example.com>: Recipient address rejected: User unknown in local recipient table | recipient-unknown
      550 | 5.1.1  | 550 5.1.1 <rita@example.com>: Recipient address rejected: User unknown in virtual mailbox table | recipient-unknown
      554 | 5.7.1  | 554 5.7.1 <rita@example.org>: Relay access denied                                              | relay-denied-or-auth
      454 | 4.7.1  | 454 4.7.1 <spameri@example.org>: Relay access denied                                           | relay-denied-or-auth
      450 | 4.7.25 | 450 4.7.25 Client host rejected: cannot find your hostname, [192.0.2.44]                       | reverse-dns
      450 | 4.7.1  | 450 4.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.44]               | reverse-dns
      554 | 5.7.1  | 554 5.7.1 <unknown[192.0.2.44]>: Client host rejected: Access denied                           | blocked-or-blacklisted
      451 | 4.3.0  | 451 4.3.0 <rita@example.com>: Temporary lookup failure                                         | local-config
      452 | 4.3.1  | 452 4.3.1 Insufficient system storage                                                          | local-config
      0   | 5.4.6  | mail for example.com loops back to myself                                                      | local-config
      556 | 5.1.10 | 556 5.1.10 <rita@example.net>: Recipient address rejected: Domain example.net does not accept mail (nullMX) | null-mx
      550 | 5.7.27 | 550 5.7.27 <mary@example.net>: Sender address rejected: Domain example.net does not accept mail (nullMX) | null-mx
      0   | 5.1.0  | Domain example.net does not accept mail (nullMX)                                               | null-mx
      0   | 5.1.1  | unknown user: "rita"                                                                           | recipient-unknown
      0   | 4.4.3  | Host or domain name not found. Name service error for name=example.net type=MX: Host not found, try again | dns-mx-failure
      0   | 4.4.1  | connect to mx.example.net[203.0.113.7]:25: Connection timed out                               | connection-failure
      0   | 4.7.5  | TLS is required, but was not offered by host mx.example.net[203.0.113.7]                       | tls-failure
      """)
  void classifiesPostfixOwnTexts(int code, String enhanced, String text, String expected) {
    assertThat(Diagnoses.classify(code, enhanced, text).wireName()).isEqualTo(expected);
  }

  /**
   * Addresses, host names, IPs and URLs are chosen by people: a word inside them decides nothing. Each text here
   * would match another category by a name in it; only the reply's own words count.
   */
  @ParameterizedTest(name = "{2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      454 | 4.7.1 | 454 4.7.1 <spameri@example.org>: Relay access denied                                                      | relay-denied-or-auth
      550 | 5.1.1 | host mx.blocked.example.net[192.0.2.5] said: 550 5.1.1 <tls.full@example.net>: User unknown             | recipient-unknown
      550 | 5.1.1 | 550 5.1.1 spam-reports@example.net: no such user here                                                  | recipient-unknown
      550 |       | 550 Message refused, see https://blocklist.example.org/spam?ip=192.0.2.9 for details                    | other
      550 | 5.1.1 | 550 5.1.1 <rita@greylist.example.net>... Rejected                                                      | recipient-unknown
      550 | 5.1.1 | 550 5.1.1 Recipient rejected [SPAMHAUS.example.net]                                                     | recipient-unknown
      451 |       | 451 Try later (in reply to MAIL FROM command)                                                          | other
      """)
  void namesInTheTextDecideNothing(int code, String enhanced, String text, String expected) {
    assertThat(Diagnoses.classify(code, enhanced, text).wireName()).isEqualTo(expected);
  }

  /** RFC 3463 (with RFC 7372 and RFC 7505) codes, when the text says nothing the rules know. */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      550 | 5.1.1  | recipient-unknown
      550 | 5.1.2  | dns-mx-failure
      550 | 5.1.3  | recipient-unknown
      556 | 5.1.10 | null-mx
      553 | 5.1.7  | sender-rejected
      553 | 5.1.8  | sender-rejected
      550 | 5.2.1  | recipient-unknown
      552 | 5.2.2  | mailbox-full
      552 | 5.3.4  | message-too-large
      452 | 4.3.1  | local-config
      0   | 4.4.1  | connection-failure
      0   | 4.4.4  | dns-mx-failure
      554 | 5.4.6  | local-config
      554 | 5.7.1  | blocked-or-blacklisted
      0   | 5.7.1  | blocked-or-blacklisted
      451 | 4.7.1  | other
      550 | 5.7.23 | relay-denied-or-auth
      550 | 5.7.26 | relay-denied-or-auth
      550 | 5.7.27 | null-mx
      550 | 5.7.25 | reverse-dns
      421 | 4.7.28 | rate-limited
      530 | 5.7.10 | tls-failure
      451 | 4.3.0  | other
      550 | 5.0.0  | other
      550 |        | other
      """)
  void classifiesByTheEnhancedCodeAlone(int code, String enhanced, String expected) {
    assertThat(Diagnoses.classify(code, enhanced, "Sorry").wireName()).isEqualTo(expected);
  }

  @Test
  void aRefusalOurServerGaveIsWordedForTheSenderNotForUs() {
    String text = "554 5.7.1 Service unavailable; Client host [192.0.2.170] blocked using zen.spamhaus.org";
    Diagnosis inbound = Diagnoses.diagnose(Verdict.REJECTED, Direction.INBOUND, 554, "5.7.1", text);
    Diagnosis outbound = Diagnoses.diagnose(Verdict.BOUNCED, Direction.OUTBOUND, 554, "5.7.1", text);
    assertThat(inbound.category()).isEqualTo(outbound.category()).isEqualTo(DiagnosisCategory.BLOCKED_OR_BLACKLISTED);
    assertThat(inbound.hint()).startsWith("our server refused the sending client").doesNotContain("our IP");
    assertThat(outbound.hint()).contains("check our IP on the named list and request delisting");
  }

  @Test
  void aTemporaryRefusalOurServerGaveSaysTheSenderRetries() {
    Diagnosis temporary = Diagnoses.diagnose(Verdict.REJECTED, Direction.INBOUND, 450, "4.7.25",
        "450 4.7.25 Client host rejected: cannot find your hostname, [192.0.2.44]");
    Diagnosis permanent = Diagnoses.diagnose(Verdict.REJECTED, Direction.INBOUND, 550, "5.7.25",
        "550 5.7.25 Client host rejected: cannot find your hostname, [192.0.2.44]");
    assertThat(temporary.hint()).endsWith("a temporary refusal: the sending server normally tries again by itself");
    assertThat(permanent.hint()).isEqualTo(DiagnosisCategory.REVERSE_DNS.hint(Direction.INBOUND));
  }

  /** Only a pending delivery is retried; an expired one was given up, a bounced one is final. */
  @ParameterizedTest
  @EnumSource(DiagnosisCategory.class)
  void theHintFitsTheVerdict(DiagnosisCategory category) {
    String text = exampleOf(category);
    Diagnosis deferred = Diagnoses.diagnose(Verdict.DEFERRED, Direction.OUTBOUND, 0, null, text);
    Diagnosis expired = Diagnoses.diagnose(Verdict.EXPIRED, Direction.OUTBOUND, 0, null, text);
    Diagnosis bounced = Diagnoses.diagnose(Verdict.BOUNCED, Direction.OUTBOUND, 0, null, text);
    assertThat(deferred.category()).as(text).isEqualTo(category);
    assertThat(deferred.hint()).endsWith("our server retries by itself until the queue lifetime runs out");
    assertThat(expired.hint()).doesNotContain("retries").doesNotContain("nothing to do")
        .endsWith("our server has given up (the queue lifetime ran out) and returned the message to the sender");
    assertThat(bounced.hint()).doesNotContain("retries").isEqualTo(category.hint(Direction.OUTBOUND));
    for (Direction direction : Direction.values()) {
      assertThat(category.hint(direction)).as("%s %s", category, direction).isNotBlank()
          .doesNotContain("retries by itself").doesNotContain("nothing to do");
    }
  }

  /** A text of each category, for the tests that go through every category. */
  private static String exampleOf(DiagnosisCategory category) {
    return switch (category) {
      case RECIPIENT_UNKNOWN -> "550 5.1.1 User unknown";
      case MAILBOX_FULL -> "452 4.2.2 Mailbox full";
      case BLOCKED_OR_BLACKLISTED -> "554 5.7.1 Client host [192.0.2.1] blocked using bl.example.org";
      case SPAM_CONTENT -> "554 5.7.1 Message rejected as spam";
      case DNS_MX_FAILURE -> "Host or domain name not found. Name service error for name=example.org type=MX";
      case CONNECTION_FAILURE -> "connect to mx.example.org[192.0.2.1]:25: Connection refused";
      case TLS_FAILURE -> "Cannot start TLS: handshake failure";
      case GREYLISTED -> "451 4.7.1 Greylisted, please try again later";
      case RELAY_DENIED_OR_AUTH -> "554 5.7.1 Relay access denied";
      case MESSAGE_TOO_LARGE -> "552 5.3.4 Message size exceeds fixed limit";
      case RATE_LIMITED -> "421 4.7.0 Too many connections";
      case REVERSE_DNS -> "550 5.7.25 Client host rejected: cannot find your hostname";
      case SENDER_REJECTED -> "450 4.1.8 Sender address rejected: Domain not found";
      case HELO_REJECTED -> "450 4.7.1 Helo command rejected: Host not found";
      case NULL_MX -> "Domain example.net does not accept mail (nullMX)";
      case LOCAL_CONFIG -> "451 4.3.0 Temporary lookup failure";
      case OTHER -> "451 4.3.0 Try later";
    };
  }

  @ParameterizedTest
  @CsvSource({"recipient-unknown", "mailbox-full", "blocked-or-blacklisted", "spam-content", "dns-mx-failure",
      "connection-failure", "tls-failure", "greylisted", "relay-denied-or-auth", "message-too-large", "rate-limited",
      "reverse-dns", "other", "sender-rejected", "helo-rejected", "null-mx", "local-config"})
  void everyDesignCategoryExistsWithAHint(String wireName) {
    DiagnosisCategory category = DiagnosisCategory.fromWireName(wireName);
    assertThat(category.wireName()).isEqualTo(wireName);
    assertThat(category.hint()).isNotBlank();
  }

  @Test
  void theInboundHintsSpeakOfOurServerRefusing() {
    assertThat(Arrays.stream(DiagnosisCategory.values()).filter(c -> c != DiagnosisCategory.OTHER))
        .allSatisfy(category -> assertThat(category.hint(Direction.INBOUND)).as(category.name())
            .isNotEqualTo(category.hint(Direction.OUTBOUND)).doesNotContain("our IP"));
  }

  /** Bad input never crashes: random text of the characters replies are made of, brackets left open included. */
  @Test
  void anyTextGetsACategory() {
    java.util.Random random = new java.util.Random(26);
    String alphabet = "<>[]()@.:;, -=/aAzZ0159İßéspamtlsnotfound";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(60); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String reply = text.toString();
      assertThat(Diagnoses.diagnose(Verdict.values()[i % Verdict.values().length], Direction.values()[i % 2],
          random.nextInt(600), i % 3 == 0 ? null : reply.length() > 4 ? reply.substring(0, 5) : reply, reply))
          .as(reply).isNotNull();
    }
  }

  @Test
  void replyWordsLoseNamesButKeepCodesAndWords() {
    assertThat(ReplyWords.of("host mx.spam.example.net[192.0.2.5] said: 550 5.1.1 <spam@example.net>: User unknown"
        + " (in reply to RCPT TO command)")).isEqualTo("host said: 550 5.1.1 : user unknown");
    assertThat(ReplyWords.of("Client host [192.0.2.170] blocked using zen.spamhaus.org; see https://x.example/q"))
        .isEqualTo("client host blocked using see");
    assertThat(ReplyWords.of("unknown user: \"rita\" 192.0.2.4 4.7.28 e-mail.")).isEqualTo(
        "unknown user: \"rita\" 4.7.28 e-mail.");
    assertThat(ReplyWords.of("")).isEmpty();
    assertThat(ReplyWords.of("<unclosed [also (in reply to")).isEqualTo("<unclosed [also (in reply to");
  }
}
