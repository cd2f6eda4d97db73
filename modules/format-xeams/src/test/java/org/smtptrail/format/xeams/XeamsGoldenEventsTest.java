package org.smtptrail.format.xeams;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.smtptrail.testkit.GoldenCase;
import org.smtptrail.testkit.GoldenEvents;

/** The events of every Xeams case of the golden corpus (sample-logs/cases/xeams), compared whole with its golden file. */
class XeamsGoldenEventsTest {
  @TestFactory
  Stream<DynamicTest> everyCaseGivesItsGoldenEvents() {
    return GoldenCase.of("xeams").stream().map(golden -> DynamicTest.dynamicTest(golden.name(),
        () -> GoldenEvents.assertGolden(new XeamsFormat(), golden)));
  }
}
