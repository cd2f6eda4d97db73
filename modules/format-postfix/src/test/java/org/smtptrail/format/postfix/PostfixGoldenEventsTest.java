package org.smtptrail.format.postfix;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.smtptrail.testkit.GoldenCase;
import org.smtptrail.testkit.GoldenEvents;

/** The events of every Postfix case of the golden corpus (sample-logs/cases/postfix), compared whole with its golden file. */
class PostfixGoldenEventsTest {
  @TestFactory
  Stream<DynamicTest> everyCaseGivesItsGoldenEvents() {
    return GoldenCase.of("postfix").stream().map(golden -> DynamicTest.dynamicTest(golden.name(),
        () -> GoldenEvents.assertGolden(new PostfixFormat(), golden)));
  }
}
