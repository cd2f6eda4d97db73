package org.smtptrail.format.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.LogFormat;
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

  @Test
  void aFileOfDaysWithoutPaddingIsPostfix() {
    assertThat(format().sniff(List.of(
        "Mar 7 02:09:33 server postfix/smtpd[27246]: connect from unknown[198.51.100.23]",
        "Mar 7 02:09:33 server postfix/smtpd[27246]: 1C2D3E4F5A: client=unknown[198.51.100.23]",
        "Mar 07 02:09:34 server postfix/qmgr[1201]: 1C2D3E4F5A: removed"))).isEqualTo(100);
  }
}
