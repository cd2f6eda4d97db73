package org.smtptrail.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmtpRepliesTest {
  @Test
  void findsTheReplyAfterSaid() {
    SmtpReply reply = SmtpReplies.find(
        "host mx.example.net[203.0.113.7] said: 550 5.1.1 <r@example.net>: User unknown (in reply to RCPT TO command)");
    assertThat(reply.code()).isEqualTo(550);
    assertThat(reply.enhancedStatus()).isEqualTo("5.1.1");
    assertThat(reply.text()).startsWith("550 5.1.1 <r@example.net>").endsWith("command)");
    assertThat(reply.isPermanent()).isTrue();
  }

  @Test
  void findsAReplyAtTheStartAndHashPrefixedEnhancedCodes() {
    assertThat(SmtpReplies.find("250 2.0.0 Ok: queued as 4XyZ").isPositive()).isTrue();
    assertThat(SmtpReplies.find("550 #5.1.0 Address rejected.").enhancedStatus()).isEqualTo("5.1.0");
    assertThat(SmtpReplies.find("451-4.7.1 try later").isTransient()).isTrue();
  }

  @Test
  void numbersThatAreNotRepliesAreIgnored() {
    assertThat(SmtpReplies.find("message size 31457280 exceeds size limit 10240000 of server")).isNull();
    assertThat(SmtpReplies.find("connect to mx.example.net[203.0.113.7]:25: Connection refused")).isNull();
    assertThat(SmtpReplies.find("delivered to mailbox")).isNull();
    assertThat(SmtpReplies.find(null)).isNull();
    assertThat(SmtpReplies.find("")).isNull();
    assertThat(SmtpReplies.find("650 not a reply class")).isNull();
  }

  @Test
  void enhancedCodesNeedThreeParts() {
    assertThat(SmtpReplies.enhancedStatusAt("5.1 x", 0)).isNull();
    assertThat(SmtpReplies.enhancedStatusAt("4.7.28 x", 0)).isEqualTo("4.7.28");
    assertThat(SmtpReplies.enhancedStatusAt("3.1.1 x", 0)).isNull();
  }
}
