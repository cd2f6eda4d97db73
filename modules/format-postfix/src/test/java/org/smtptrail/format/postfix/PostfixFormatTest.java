package org.smtptrail.format.postfix;

import java.util.List;
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
}
