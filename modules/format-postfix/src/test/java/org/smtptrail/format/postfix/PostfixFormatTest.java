package org.smtptrail.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.LogFormat;
import org.smtptrail.testkit.CredentialSample;
import org.smtptrail.testkit.LogFormatTestCase;

class PostfixFormatTest extends LogFormatTestCase {
  @Override
  protected LogFormat format() {
    return new PostfixFormat();
  }

  @Override
  protected List<String> ownFixtures() {
    return List.of(
        "/postfix/expired-with-notifications.log",
        "/postfix/deferred-then-sent.log",
        "/postfix/pickup-alias-local.log",
        "/postfix/noqueue-reject.log",
        "/postfix/rfc3339-multi-instance.log");
  }

  /**
   * Postfix never logs a password at its default verbosity; with -v or debug_peer_list it logs the SMTP dialogue
   * (AUTH lines included) and smtp_sasl_passwd_lookup's "pass `...'". Those lines carry no queue id and are skipped,
   * unless their prefix is damaged (then they are unparsed evidence). A remote reply can echo anything.
   */
  @Override
  protected CredentialSample credentialSample() {
    return new CredentialSample(List.of(
        "Nov 23 00:01:19 mx1 postfix/smtpd[41230]: < client.example.com[192.0.2.7]: AUTH PLAIN"
            + " AGpvZUBleGFtcGxlLmNvbQBQb3N0Zml4U2VjcmV0",
        "Nov 31 00:01:19 mx1 postfix/smtpd[41230]: < client.example.com[192.0.2.7]: AUTH LOGIN am9lQGV4YW1wbGUuY29t",
        "mx1 postfix/smtp[41231]: smtp_sasl_passwd_lookup: host `relay.example.net' user `joe@example.com'"
            + " pass `Rel4ySecret'",
        "Nov 23 00:01:20 mx1 postfix/smtpd[41230]: 3F2A81C0D2: client=client.example.com[192.0.2.7],"
            + " sasl_method=PLAIN, sasl_username=joe@example.com",
        "Nov 23 00:01:21 mx1 postfix/smtp[41231]: 3F2A81C0D2: to=<r@example.net>, relay=relay.example.net"
            + "[198.51.100.9]:587, delay=1.2, delays=0.1/0/1.1/0, dsn=5.7.8, status=bounced (host relay.example.net"
            + "[198.51.100.9] said: 535 5.7.8 authentication failed for user=joe password=Echo3dSecret (in reply to"
            + " end of DATA command))"),
        List.of("AGpvZUBleGFtcGxlLmNvbQBQb3N0Zml4U2VjcmV0", "PostfixSecret", "am9lQGV4YW1wbGUuY29t", "Rel4ySecret",
            "Echo3dSecret"));
  }

  @Test
  void aFileOfDaysWithoutPaddingIsPostfix() {
    assertThat(format().sniff(List.of(
        "Mar 7 02:09:33 server postfix/smtpd[27246]: connect from unknown[198.51.100.23]",
        "Mar 7 02:09:33 server postfix/smtpd[27246]: 1C2D3E4F5A: client=unknown[198.51.100.23]",
        "Mar 07 02:09:34 server postfix/qmgr[1201]: 1C2D3E4F5A: removed"))).isEqualTo(100);
  }
}
