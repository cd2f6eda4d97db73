package org.smtptrail.format.axigen;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.smtptrail.testkit.GoldenCase;
import org.smtptrail.testkit.GoldenEvents;

/** The events of every Axigen case of the golden corpus (sample-logs/cases/axigen), compared whole with its golden file. */
class AxigenGoldenEventsTest {
  @TestFactory
  Stream<DynamicTest> everyCaseGivesItsGoldenEvents() {
    return GoldenCase.of("axigen").stream().map(golden -> DynamicTest.dynamicTest(golden.name(),
        () -> GoldenEvents.assertGolden(new AxigenFormat(), golden)));
  }
}
