package org.smtptrail.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.verdict.DeliveryRow;

class CheckSummaryTest {
  private static List<DeliveryRow> rows(Verdict... verdicts) {
    return Arrays.stream(verdicts).map(verdict -> new DeliveryRow("a@example.org", null, "b@example.com", null,
        "postfix:mx1:1", verdict, null, null, null, null, null, 1, null, null, null, null, "postfix", "mx1", null, null,
        List.of(), null)).toList();
  }

  @Test
  void aFailedRowMakesTheExitCodeFourWhateverElseThereIs() {
    assertThat(CheckSummary.of("@example.org", rows(Verdict.HANDED_OVER, Verdict.DEFERRED, Verdict.DISCARDED))
        .exitCode()).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void aPendingRowAmongDeliveredOnesMakesItFive() {
    assertThat(CheckSummary.of("*@x", rows(Verdict.HANDED_OVER, Verdict.UNKNOWN)).exitCode())
        .isEqualTo(ExitCodes.PENDING);
    assertThat(CheckSummary.of("*@x", rows(Verdict.HANDED_OVER, Verdict.DELIVERED_LOCALLY)).exitCode())
        .isEqualTo(ExitCodes.OK);
    assertThat(CheckSummary.of("*@x", List.of()).exitCode()).isEqualTo(ExitCodes.NO_RECORD);
    assertThat(CheckSummary.of("*@x", List.of()).worst()).isNull();
    assertThat(CheckSummary.of("*@x", rows(Verdict.HANDED_OVER, Verdict.UNKNOWN, Verdict.DEFERRED)).worst())
        .isEqualTo(Verdict.DEFERRED);
  }

  @Test
  void theLinesListTheWorstVerdictsFirstWithAlignedCounts() {
    List<Verdict> many = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(Verdict.HANDED_OVER);
    }
    many.add(Verdict.DEFERRED);
    many.add(Verdict.BOUNCED);
    assertThat(CheckSummary.of("@example.org", rows(many.toArray(Verdict[]::new))).lines()).containsExactly(
        "14 rows to @example.org:", "   1 BOUNCED", "   1 DEFERRED", "  12 HANDED_OVER");
  }
}
