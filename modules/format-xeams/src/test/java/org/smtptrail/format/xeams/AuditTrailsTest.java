package org.smtptrail.format.xeams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtptrail.format.xeams.AuditTrails.AuditLine;

class AuditTrailsTest {
  @Test
  void verifiedFailureShapeWithTheReplysLineBreakBeforeTheBracket() {
    AuditLine line = AuditTrails.parse("192.0.2.89,john@example.net,sales@example.com,5878,[Failure reason: Unable to"
        + " send email to the server. 550 #5.1.0 Address rejected.\n],Subject: Serial number, for you", true);
    assertThat(line).isEqualTo(new AuditLine("192.0.2.89", "john@example.net", "sales@example.com", 5878,
        "Unable to send email to the server. 550 #5.1.0 Address rejected.", "Serial number, for you"));
  }

  @Test
  void failureReasonLabelIsCaseInsensitiveAndTheHostMayBeAName() {
    AuditLine line = AuditTrails.parse(
        "mx.example.net,carol@example.org,hr@example.com,5120,[Failure Reason: No Server Listening on Port 25],"
            + "Subject: Onboarding pack", true);
    assertThat(line.host()).isEqualTo("mx.example.net");
    assertThat(line.reason()).isEqualTo("No Server Listening on Port 25");
    assertThat(line.subject()).isEqualTo("Onboarding pack");
  }

  @Test
  void failureWithoutHostOrSizeStillReads() {
    AuditLine line = AuditTrails.parse("carol@example.org,hr@example.com,[Failure reason: x],Subject: y", true);
    assertThat(line).isEqualTo(new AuditLine(null, "carol@example.org", "hr@example.com", -1, "x", "y"));
  }

  @Test
  void successLineSplitsOnTheFirstFieldsOnlyBecauseSubjectsHoldCommas() {
    assertThat(AuditTrails.parse("alice@example.net,sales@example.com,Subject: Q1 invoice 4471, final", false))
        .isEqualTo(new AuditLine(null, "alice@example.net", "sales@example.com", -1, null, "Q1 invoice 4471, final"));
  }

  @Test
  void successLineMayCarryAHostAndASizeAndLackTheSubjectLabel() {
    assertThat(AuditTrails.parse("198.51.100.25,alice@example.net,sales@example.com,18342,Q1 invoice, final", false))
        .isEqualTo(new AuditLine("198.51.100.25", "alice@example.net", "sales@example.com", 18342, null,
            "Q1 invoice, final"));
  }

  @Test
  void tabsSeparateFieldsWhenTheyComeFirst() {
    assertThat(AuditTrails.parse("alice@example.net\tsales@example.com\tSubject: a, b", false))
        .isEqualTo(new AuditLine(null, "alice@example.net", "sales@example.com", -1, null, "a, b"));
  }

  @Test
  void nullSenderAndBracketedAddresses() {
    assertThat(AuditTrails.parse("<postmaster@example.net>,<>,Subject: Undeliverable", false))
        .isEqualTo(new AuditLine(null, "postmaster@example.net", "", -1, null, "Undeliverable"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "not an address,sales@example.com,Subject: x",
      "alice@example.net", "198.51.100.25,bob@example.net,sales@example.com,1,no reason here"})
  void linesWithoutTheFieldsAreNotAuditLines(String body) {
    assertThat(AuditTrails.parse(body, body.contains("reason"))).isNull();
  }

  @Test
  void aFailureLineWithoutReasonIsNotAFailureLine() {
    assertThat(AuditTrails.parse("198.51.100.25,bob@example.net,sales@example.com,1,Subject: x", true)).isNull();
  }
}
