package org.smtptrail.engine.journey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A relay as a client names it and a server as its own lines name it: the same machine or not. */
class EndpointsTest {
  @Test
  void endpointsMatchByNameShortNameOrAddress() {
    assertThat(Endpoints.names("mx2.example.com[192.0.2.20]:25", "mx2")).isTrue();
    assertThat(Endpoints.names("mail.example.com[192.0.2.10]", "mail.example.com")).isTrue();
    assertThat(Endpoints.names("mx1[192.0.2.30]", "mx1.example.com")).isTrue();
    assertThat(Endpoints.names("192.0.2.20", "192.0.2.20")).isTrue();
    assertThat(Endpoints.names("unknown[192.0.2.20]", "192.0.2.20")).isTrue();
    assertThat(Endpoints.names("mx.example.org:25", "mx.example.org")).isTrue();
    assertThat(Endpoints.names("unknown[192.0.2.20]", "unknown")).isFalse();
    assertThat(Endpoints.names("mx20.example.com[192.0.2.21]:25", "mx2")).isFalse();
    assertThat(Endpoints.names("198.51.100.30", "mx2")).isFalse();
    assertThat(Endpoints.names(null, "mx2")).isFalse();
    assertThat(Endpoints.names("mx2.example.com", null)).isFalse();
  }
}
