package org.smtptrail.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageRowsTest {
  @Test
  void firstOfSameValueNamesEachValuesFirstRow() {
    assertThat(MessageRows.firstOfSameValue(new String[0])).isEmpty();
    assertThat(MessageRows.firstOfSameValue(new String[] {"a"})).containsExactly(0);
    assertThat(MessageRows.firstOfSameValue(new String[] {"a", "b", "a", null, "b", null}))
        .containsExactly(0, 1, 0, 3, 1, 3);
  }

  @Test
  void pairwiseAndHashedAgreeAtEverySize() {
    Random random = new Random(15);
    for (int size = 1; size <= 40; size++) { // past the pairwise limit of 16
      String[] values = new String[size];
      for (int i = 0; i < size; i++) {
        int pick = random.nextInt(6);
        values[i] = pick == 5 ? null : "group-" + pick;
      }
      assertThat(MessageRows.firstOfSameValue(values)).as(Arrays.toString(values)).containsExactly(expected(values));
    }
  }

  private static int[] expected(String[] values) {
    Map<String, Integer> first = new HashMap<>();
    int[] expected = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      first.putIfAbsent(values[i], i);
      expected[i] = first.get(values[i]);
    }
    return expected;
  }
}
