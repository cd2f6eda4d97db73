package org.smtptrail.format.axigen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.format.axigen.StateWord.Kind;

class StateWordTest {
  @Test
  void verifiedWordsKeepTheirMeaning() {
    assertThat(List.of("RECEIVED", "PROCESSING", "PROCESSED - LOCAL", "processed-local", "SENT", " SENT "))
        .extracting(w -> StateWord.of(w).kind())
        .containsExactly(Kind.INTAKE, Kind.INTAKE, Kind.LOCAL_ROUTE, Kind.LOCAL_ROUTE, Kind.SENT, Kind.SENT);
    assertThat(StateWord.of("SENT").status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(StateWord.of("PROCESSED - LOCAL").endsAnAttempt()).isFalse();
    assertThat(StateWord.of("RECEIVED").status()).isNull();
  }

  @Test
  void inferredWordsAreReadAsFamiliesWithTheirReason() {
    assertThat(List.of("DEFERRED", "Deferred (451 4.7.1 Greylisted)", "Temporary failure: connection timed out",
        "RETRY", "FAILED", "FAILED: 550 5.1.1 <a@example.org>: User unknown", "bounced", "Permanent failure - 5.2.2",
        "UNDELIVERABLE"))
        .extracting(w -> StateWord.of(w).kind(), w -> StateWord.of(w).word(), w -> StateWord.of(w).reason())
        .containsExactly(
            tuple(Kind.TEMPORARY, "DEFERRED", null),
            tuple(Kind.TEMPORARY, "Deferred", "451 4.7.1 Greylisted"),
            tuple(Kind.TEMPORARY, "Temporary failure", "connection timed out"),
            tuple(Kind.TEMPORARY, "RETRY", null),
            tuple(Kind.PERMANENT, "FAILED", null),
            tuple(Kind.PERMANENT, "FAILED", "550 5.1.1 <a@example.org>: User unknown"),
            tuple(Kind.PERMANENT, "bounced", null),
            tuple(Kind.PERMANENT, "Permanent failure", "5.2.2"),
            tuple(Kind.PERMANENT, "UNDELIVERABLE", null));
    assertThat(StateWord.of("DEFERRED").status()).isEqualTo(DeliveryStatus.DEFERRED);
    assertThat(StateWord.of("FAILED").status()).isEqualTo(DeliveryStatus.BOUNCED);
  }

  @Test
  void aWordOfNoFamilyDecidesNothing() {
    for (String word : List.of("SENTINEL", "PROCESSED - REMOTE", "SOMETHING NEW", "FAILOVER", "", "DEFERREDX")) {
      StateWord state = StateWord.of(word);
      assertThat(state.kind()).as(word).isEqualTo(Kind.OTHER);
      assertThat(state.endsAnAttempt()).as(word).isFalse();
      assertThat(state.reason()).as(word).isNull();
    }
  }

  @Test
  void permanentWordsAreFinalForTheQueue() {
    assertThat(QueueIndex.isFinal("FAILED")).isTrue();
    assertThat(QueueIndex.isFinal("PROCESSED - LOCAL")).isTrue();
    assertThat(QueueIndex.isFinal("DEFERRED")).isFalse();
    assertThat(QueueIndex.isFinal("SOMETHING NEW")).isFalse();
  }
}
