package org.smtptrail.format.axigen;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.ParseContext;

/** Axigen's log (everything.txt and the files of other log rules), native or written through syslog. */
public final class AxigenFormat implements LogFormat {
  public static final String NAME = "axigen";

  /** Sniffing needs no real zone or year: it only asks whether the prefix is there. */
  private static final AxigenClock SNIFF_CLOCK = new AxigenClock(ZoneOffset.UTC, Instant.EPOCH);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Axigen log: SMTP-IN, PROCESSING, local delivery and SMTP-OUT (everything.txt, or through syslog)";
  }

  /** Share of the first lines that carry the Axigen prefix ("... SERVICE:ID: "), as a percentage. */
  @Override
  public int sniff(List<String> firstLines) {
    if (firstLines.isEmpty()) {
      return 0;
    }
    int axigenLines = 0;
    for (String line : firstLines) {
      if (AxigenLine.parse(line, SNIFF_CLOCK, null) != null) {
        axigenLines++;
      }
    }
    return axigenLines * 100 / firstLines.size();
  }

  @Override
  public LineParser newParser(ParseContext context) {
    return new AxigenLineParser(context);
  }
}
