package org.smtptrail.format.xeams;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.smtptrail.core.LogFormats;
import org.smtptrail.testkit.FuzzedLog;

/**
 * Fuzzes the Xeams parser, found through the SPI, with arbitrary bytes read as a log file: it must never throw, and
 * every line must yield events or a skipped count (a continuation line counts with the record it joins). Xeams tells
 * its logs apart by file name, so the input's first byte picks the name (one of the four logs, or a name that says
 * nothing, read by record shape) and the rest is the file. The normal build replays the committed seeds (real lines
 * of sample-logs/xeams, in XeamsParserFuzzTestInputs/); {@code JAZZER_FUZZ=1} fuzzes.
 */
class XeamsParserFuzzTest {
  private static final String[] FILE_NAMES = {
    "/opt/Xeams/logs/SMTPOutboundConversation.log",
    "/opt/Xeams/logs/OutboundAuditTrailSuccess.log",
    "/opt/Xeams/logs/OutboundAuditTrailFailure.log",
    "/opt/Xeams/logs/SmtpQueue.log",
    "/srv/mx2/renamed.log"
  };

  @FuzzTest(maxDuration = "5m")
  void everyLineIsAccountedFor(byte[] input) {
    if (input.length == 0) {
      return;
    }
    String file = FILE_NAMES[(input[0] & 0xff) % FILE_NAMES.length];
    FuzzedLog.of(file, Arrays.copyOfRange(input, 1, input.length))
        .assertEveryLineAccountedFor(LogFormats.forName(XeamsFormat.NAME));
  }
}
