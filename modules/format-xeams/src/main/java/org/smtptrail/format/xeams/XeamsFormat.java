package org.smtptrail.format.xeams;

import java.util.List;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.ParseContext;

/**
 * Xeams' outbound logs: SMTPOutboundConversation.log, OutboundAuditTrailSuccess.log, OutboundAuditTrailFailure.log and
 * SmtpQueue.log, correlated by LCID and envelope into one message key per message.
 */
public final class XeamsFormat implements LogFormat {
  public static final String NAME = "xeams";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Xeams outbound logs (SMTPOutboundConversation, OutboundAuditTrailSuccess/Failure, SmtpQueue)";
  }

  /**
   * How many of the lines that start with a timestamp have Xeams' " - [LCID]" after it (full weight) or at least
   * the " - " (half weight), as a percentage; continuation lines do not count either way.
   */
  @Override
  public int sniff(List<String> firstLines) {
    int stamped = 0;
    int score = 0;
    for (String line : firstLines) {
      RecordPrefix prefix = RecordPrefix.parse(line);
      if (prefix != null) {
        stamped++;
        score += prefix.dashed() ? prefix.lcid() != null ? 2 : 1 : 0;
      }
    }
    return stamped == 0 ? 0 : score * 50 / stamped;
  }

  @Override
  public LineParser newParser(ParseContext context) {
    return new XeamsLineParser(context);
  }
}
