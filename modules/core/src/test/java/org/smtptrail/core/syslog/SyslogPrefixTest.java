package org.smtptrail.core.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SyslogPrefix} with {@link SyslogNames}: the same fields as without, repeated names shared. */
class SyslogPrefixTest {
  @Test
  void namesSeenBeforeAreSharedAndEveryFieldIsAsWithoutThem() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3 * SyslogNames.SLOTS; i++) {
      // more distinct programs than the names keep, then the first ones again
      lines.add("Nov 23 00:01:2" + (i % 10) + " mx" + (i % 2) + " postfix/p" + (i % (SyslogNames.SLOTS + 3))
          + "[" + i + "]: text " + i);
    }
    lines.add("2026-11-23T00:01:20.123456+01:00 mx0 postfix/p1: rfc");
    lines.add("Nov 23 00:01:20 mx0 postfix/p1");
    SyslogNames names = new SyslogNames();
    SyslogPrefix previous = null;
    for (String line : lines) {
      SyslogPrefix shared = SyslogPrefix.parse(line, names);
      assertThat(shared).as(line).isEqualTo(SyslogPrefix.parse(line));
      if (shared != null && previous != null && shared.host().equals(previous.host())) {
        assertThat(shared.host()).as("the same host, the same string").isSameAs(previous.host());
      }
      previous = shared == null ? previous : shared;
    }
    SyslogPrefix first = SyslogPrefix.parse("Nov 23 00:01:20 mx0 postfix/smtpd[1]: a", names);
    SyslogPrefix second = SyslogPrefix.parse("Nov 23 00:01:21 mx0 postfix/smtpd[2]: b", names);
    assertThat(second.program()).isSameAs(first.program()).isEqualTo("postfix/smtpd");
  }
}
