package org.smtptrail.format.axigen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmtpLineTest {
  @Test
  void commandsWithAddresses() {
    SmtpLine mail = SmtpLine.parse("<< MAIL FROM:<dave@example.com> SIZE=100", 0);
    assertThat(mail.kind()).isEqualTo(SmtpLine.Kind.COMMAND);
    assertThat(mail.verb()).isEqualTo("MAIL FROM");
    assertThat(mail.address()).isEqualTo("dave@example.com");
    assertThat(SmtpLine.parse(">> rcpt to: <a@example.org>", 0).address()).isEqualTo("a@example.org");
    assertThat(SmtpLine.parse("-> RCPT TO:a@example.org NOTIFY=NEVER", 0).address()).isEqualTo("a@example.org");
    assertThat(SmtpLine.parse("<< MAIL FROM:<>", 0).address()).as("the null sender").isEmpty();
    assertThat(SmtpLine.parse("<< EHLO  host.example.com", 0).argument()).isEqualTo("host.example.com");
    assertThat(SmtpLine.parse("<< data", 0).verb()).isEqualTo("DATA");
  }

  @Test
  void repliesWhateverTheMarker() {
    SmtpLine reply = SmtpLine.parse("<< 250 2.0.0 Ok: queued as X", 0);
    assertThat(reply.kind()).isEqualTo(SmtpLine.Kind.REPLY);
    assertThat(reply.reply().code()).isEqualTo(250);
    assertThat(reply.reply().enhancedStatus()).isEqualTo("2.0.0");
    assertThat(reply.continued()).isFalse();
    assertThat(SmtpLine.parse(">> 250-SIZE 10485760", 0).continued()).isTrue();
    assertThat(SmtpLine.parse("<- 451 4.7.1 later", 0).reply().code()).isEqualTo(451);
    assertThat(SmtpLine.parse("535 Authentication failed", 0).reply().code()).as("no marker").isEqualTo(535);
  }

  @Test
  void otherProtocolLinesAndPlainText() {
    assertThat(SmtpLine.parse("<< 3 bytes and final dot read", 0).kind()).isEqualTo(SmtpLine.Kind.OTHER);
    assertThat(SmtpLine.parse("New mail <x> received", 0)).isNull();
    assertThat(SmtpLine.parse("", 0)).isNull();
    assertThat(SmtpLine.parse(">>", 0).kind()).isEqualTo(SmtpLine.Kind.OTHER);
  }
}
