package org.smtptrail.format.axigen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueIdsTest {
  @Test
  void sixAndEightDigitFormsAreTheSameId() {
    assertThat(QueueIds.canonical("2C2605")).isEqualTo("002C2605");
    assertThat(QueueIds.canonical("002C2605")).isEqualTo("002C2605");
    assertThat(QueueIds.canonical("06d13d")).isEqualTo("0006D13D");
    assertThat(QueueIds.canonical("0")).isEqualTo("00000000");
    assertThat(QueueIds.canonical("1234567890")).as("longer ids keep their digits").isEqualTo("1234567890");
  }

  @Test
  void hexCheck() {
    assertThat(QueueIds.isHex("0000A431", 0, 8)).isTrue();
    assertThat(QueueIds.isHex("0000G431", 0, 8)).isFalse();
    assertThat(QueueIds.isHex("", 0, 0)).isFalse();
    assertThat(QueueIds.isHex("12345678901234567", 0, 17)).isFalse();
  }
}
