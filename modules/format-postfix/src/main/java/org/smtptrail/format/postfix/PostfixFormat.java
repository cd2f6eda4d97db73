package org.smtptrail.format.postfix;

import java.util.List;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.syslog.SyslogPrefix;

/** Postfix's mail log, as written by syslog (classic or RFC 3339 timestamps) or by Postfix's own maillog_file. */
public final class PostfixFormat implements LogFormat {
  public static final String NAME = "postfix";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Postfix mail log (syslog classic or RFC 3339 timestamps, maillog_file, multi-instance names)";
  }

  /** Share of the first lines that are syslog lines written by a Postfix program, as a percentage. */
  @Override
  public int sniff(List<String> firstLines) {
    if (firstLines.isEmpty()) {
      return 0;
    }
    int postfixLines = 0;
    for (String line : firstLines) {
      SyslogPrefix header = SyslogPrefix.parse(line);
      if (header != null && PostfixLineParser.isPostfixProgram(header.program())) {
        postfixLines++;
      }
    }
    return postfixLines * 100 / firstLines.size();
  }

  @Override
  public LineParser newParser(ParseContext context) {
    return new PostfixLineParser(context);
  }
}
