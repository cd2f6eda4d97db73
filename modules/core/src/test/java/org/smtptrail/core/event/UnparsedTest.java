package org.smtptrail.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnparsedTest {
  private static EventHeader header(String text) {
    return new EventHeader(new SourceLine("/var/log/mail.log", 7, 700, text), Instant.EPOCH, "mx1", "postfix",
        "postfix/smtpd", "3F2A81C0D2");
  }

  @Test
  void anUnparsedLineIsMaskedWhoeverBuildsItAndKeepsEverythingElse() {
    Unparsed unparsed = new Unparsed(header("mx1 postfix/smtpd[1]: < unknown[192.0.2.7]: AUTH PLAIN AGpvZQBIdW50ZXIy"
        + " password=Hunter2"), "a syslog line");
    assertThat(unparsed.header().source().text())
        .isEqualTo("mx1 postfix/smtpd[1]: < unknown[192.0.2.7]: AUTH PLAIN [credentials masked] password=[credentials"
            + " masked]");
    assertThat(unparsed.header()).extracting(h -> h.source().file(), h -> h.source().lineNumber(),
            h -> h.source().byteOffset(), EventHeader::time, EventHeader::host, EventHeader::localId)
        .containsExactly("/var/log/mail.log", 7L, 700L, Instant.EPOCH, "mx1", "3F2A81C0D2");
    assertThat(unparsed.expected()).isEqualTo("a syslog line");
  }

  @Test
  void aLineWithoutCredentialsKeepsItsHeader() {
    EventHeader header = header("just some text");
    assertThat(new Unparsed(header, "x").header()).isSameAs(header);
  }
}
