package org.smtptrail.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtptrail.core.credentials.Credentials.MASK;

import org.junit.jupiter.api.Test;

class CredentialsTest {
  @Test
  void passwordLikeFieldsAreMaskedAndTheirKeysKept() {
    assertThat(Credentials.mask("relay login: user=joe@example.com, password=Hunter2!, port=587"))
        .isEqualTo("relay login: user=joe@example.com, password=" + MASK + ", port=587");
    assertThat(Credentials.mask("sasl_method=PLAIN, sasl_username=joe@example.com, sasl_password=s3cr3t"))
        .isEqualTo("sasl_method=PLAIN, sasl_username=joe@example.com, sasl_password=" + MASK);
    assertThat(Credentials.mask("PASS=abc pwd=def smtp_passwd=ghi client_secret=jkl access_token=mno"))
        .isEqualTo("PASS=" + MASK + " pwd=" + MASK + " smtp_passwd=" + MASK + " client_secret=" + MASK
            + " access_token=" + MASK);
    assertThat(Credentials.mask("https://relay.example.net/login?user=joe&pass=xyz&lang=en"))
        .isEqualTo("https://relay.example.net/login?user=joe&pass=" + MASK + "&lang=en");
  }

  @Test
  void maskFieldsMasksTheSameFieldsAndLeavesCommandsToTheFullMask() {
    for (String line : new String[] {"PASS=abc pwd=def smtp_passwd=ghi client_secret=jkl access_token=mno",
        "Password = 'a b c'", "x passphrase=p1, password=p2; secret=\"p 3\"", "status=sent delays=1 size=2"}) {
      assertThat(Credentials.maskFields(line)).as(line).isEqualTo(Credentials.mask(line));
    }
    String auth = "< unknown[192.0.2.7]: AUTH PLAIN AGpvZQBw";
    assertThat(Credentials.maskFields(auth)).isSameAs(auth);
    assertThat(Credentials.maskFields(null)).isNull();
  }

  @Test
  void quotedValuesAndBlanksAroundTheEqualsSignAreMaskedWhole() {
    assertThat(Credentials.mask("password=\"two words\" next=1")).isEqualTo("password=\"" + MASK + "\" next=1");
    assertThat(Credentials.mask("Password = 'a b c'")).isEqualTo("Password = '" + MASK + "'");
    assertThat(Credentials.mask("password = plain")).isEqualTo("password = " + MASK);
    assertThat(Credentials.mask("pass=a,b;c, done")).as("a comma inside the value is part of it")
        .isEqualTo("pass=" + MASK + ", done");
  }

  @Test
  void userNamesAndOrdinaryFieldsAreKept() {
    String postfix = "Nov 23 00:01:20 mx1 postfix/smtpd[41230]: 3F2A81C0D2: client=client.example.com[192.0.2.7],"
        + " sasl_method=PLAIN, sasl_username=joe@example.com";
    assertThat(Credentials.mask(postfix)).isSameAs(postfix);
    String delivery = "Nov 23 00:01:21 mx1 postfix/smtp[41231]: 3F2A81C0D2: to=<r@example.net>, relay=mx.example.net"
        + "[203.0.113.7]:25, delay=0.42, delays=0.1/0/0.2/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4XyZ)";
    assertThat(Credentials.mask(delivery)).isSameAs(delivery);
    String spf = "SPF result for MAIL FROM <a@example.com>: Pass (spfHeader = 'pass (sender SPF authorized)')";
    assertThat(Credentials.mask(spf)).isSameAs(spf);
    assertThat(Credentials.mask("status=pass bypass")).isEqualTo("status=pass bypass");
    for (String kept : new String[] {"bypass=1", "compass=north", "xPWD=abc", "<CAF2x+aqpwd=b9Hk@mail.example.com>",
        "smtpPASS=1"}) {
      assertThat(Credentials.mask(kept)).as("%s: the key is no word of its own", kept).isSameAs(kept);
    }
    assertThat(Credentials.mask("userPassword=a db2Pwd=b X-Pass=c smtp.pwd=d"))
        .isEqualTo("userPassword=" + MASK + " db2Pwd=" + MASK + " X-Pass=" + MASK + " smtp.pwd=" + MASK);
    assertThat(Credentials.mask("password= user=joe")).as("an empty value hides nothing").isEqualTo(
        "password= user=joe");
    assertThat(Credentials.mask("Authentication error for user 'joe@example.com': Invalid password"))
        .isEqualTo("Authentication error for user 'joe@example.com': Invalid password");
  }

  @Test
  void postfixVerboseSaslPasswordLookupIsMasked() {
    String line = "Nov 23 00:01:20 mx1 postfix/smtp[41230]: smtp_sasl_passwd_lookup: host `relay.example.net'"
        + " user `joe@example.com' pass `Hunter2'";
    assertThat(Credentials.mask(line)).isEqualTo("Nov 23 00:01:20 mx1 postfix/smtp[41230]: smtp_sasl_passwd_lookup:"
        + " host `relay.example.net' user `joe@example.com' pass `" + MASK + "'");
  }

  @Test
  void theInitialResponseOfAnAuthCommandIsMaskedAndTheVerbAndMechanismKept() {
    assertThat(Credentials.mask("Nov 23 00:01:20 mx1 postfix/smtpd[41230]: < unknown[192.0.2.7]: AUTH PLAIN"
        + " AGpvZUBleGFtcGxlLmNvbQBIdW50ZXIy")).endsWith(": AUTH PLAIN " + MASK);
    assertThat(Credentials.mask("2026-03-02 09:15:04,390 - [   7100001] S <-- AUTH LOGIN am9lQGV4YW1wbGUuY29t"))
        .isEqualTo("2026-03-02 09:15:04,390 - [   7100001] S <-- AUTH LOGIN " + MASK);
    assertThat(Credentials.mask("SMTP-OUT:0000A433: >> auth xoauth2 dXNlcj1qb2UBYXV0aD1CZWFyZXIgeHl6AQE="))
        .isEqualTo("SMTP-OUT:0000A433: >> auth xoauth2 " + MASK);
  }

  @Test
  void capabilitiesProseAndBareAuthCommandsAreKept() {
    for (String kept : new String[] {"C --> 250-AUTH PLAIN LOGIN CRAM-MD5", "C --> 250 AUTH LOGIN PLAIN",
        "250-AUTH=PLAIN LOGIN", "S <-- AUTH LOGIN", "SMTP Auth failed for joe", "the server supports AUTH PLAIN LOGIN",
        "OAuth token refresh", "S <-- AUTH PLAIN " + MASK}) {
      assertThat(Credentials.mask(kept)).as(kept).isSameAs(kept);
    }
  }

  @Test
  void maskingTwiceChangesNothingMore() {
    String once = Credentials.mask("password=\"a b\" pass=x AUTH PLAIN AGpvZQBw pass `y'");
    assertThat(once).doesNotContain("a b").doesNotContain("=x").doesNotContain("AGpvZQBw").doesNotContain("`y'");
    assertThat(Credentials.mask(once)).isEqualTo(once);
  }

  @Test
  void oddInputNeverThrows() {
    for (String odd : new String[] {"", "=", "==", "password=", "pass", "`", "pass `", "pass `x", "AUTH ", "uth ",
        " AUTH PLAIN", "password=\"unterminated", "\u0000=\u0000", "x=y=z", "AUTH PLAIN \t"}) {
      assertThat(Credentials.mask(odd)).as(odd).isNotNull();
    }
    assertThat(Credentials.mask(null)).isNull();
  }
}
