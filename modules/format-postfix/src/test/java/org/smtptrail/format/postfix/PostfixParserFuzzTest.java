package org.smtptrail.format.postfix;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.smtptrail.core.LogFormats;
import org.smtptrail.testkit.FuzzedLog;

/**
 * Fuzzes the Postfix parser, found through the SPI, with arbitrary bytes read as a log file: it must never throw, and
 * every line must yield events or a skipped count. The normal build replays the committed seeds (real lines of
 * sample-logs/postfix, in PostfixParserFuzzTestInputs/); {@code JAZZER_FUZZ=1} fuzzes (see docs/reliability.md, "Fuzzing (Jazzer)").
 */
class PostfixParserFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void everyLineIsAccountedFor(byte[] input) {
    FuzzedLog.of("/var/log/mail.log", input).assertEveryLineAccountedFor(LogFormats.forName(PostfixFormat.NAME));
  }
}
