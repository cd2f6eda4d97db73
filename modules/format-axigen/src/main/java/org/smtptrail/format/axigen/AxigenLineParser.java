package org.smtptrail.format.axigen;

import java.time.Instant;
import java.util.Locale;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.SourceLine;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.core.syslog.SyslogPrefix;

/**
 * Reads one Axigen log file (everything.txt, a rule's own file, or syslog) into events, following each message
 * through SMTP-IN, PROCESSING and SMTP-OUT and filing all its events under its queue id. The common prefix is
 * scanned by {@link AxigenLine}; each message module has its reader: {@link SmtpInSessions}, {@link ProcessingLines},
 * {@link SmtpOutSessions}, which share what PROCESSING says about the queue ({@link QueueIndex}).
 *
 * <p>A line without the Axigen prefix becomes {@link Unparsed}, as does a message-module line of a shape this
 * parser does not know (so it is counted and listed by {@code index}, and stays evidence of its message). Lines of
 * other modules (IMAP, WEBMAIL, ...) and syslog lines of other programs are skipped.
 */
final class AxigenLineParser implements LineParser {
  /** Idle sessions are looked for every this many lines. */
  private static final int SWEEP_LINES = 512;

  private final ParseContext context;
  private final AxigenClock clock;
  private final SmtpInSessions smtpIn;
  private final SmtpOutSessions smtpOut;
  private final ProcessingLines processing;
  private long lines;

  AxigenLineParser(ParseContext context) {
    this.context = context;
    this.clock = new AxigenClock(context.zone(), context.lineTimeLimit());
    QueueIndex queue = new QueueIndex();
    this.smtpIn = new SmtpInSessions(queue);
    this.smtpOut = new SmtpOutSessions(queue);
    this.processing = new ProcessingLines(queue, smtpOut);
  }

  @Override
  public void parse(SourceLine source, EventSink sink) {
    String text = source.text();
    AxigenLine line = AxigenLine.parse(text, clock, context.hostLabel());
    if (line == null) {
      notAxigen(source, sink);
      return;
    }
    if (line.time() == null) {
      sink.accept(new Unparsed(line.header(source, null), "a valid timestamp"));
      return;
    }
    if (++lines % SWEEP_LINES == 0) {
      closeIdle(line.time(), sink);
    }
    switch (line.service()) {
      case SMTP_IN -> smtpIn.parse(line, source, sink);
      case SMTP_OUT -> smtpOut.parse(line, source, sink);
      case PROCESSING -> processing.parse(line, source, sink);
      default -> sink.skipped(source); // IMAP, WEBMAIL, DNR, ...: not about a message's delivery
    }
  }

  /** A blank line, another program's syslog line (skipped), or a line that does not fit (unparsed). */
  private void notAxigen(SourceLine source, EventSink sink) {
    String text = source.text();
    if (text.isBlank()) {
      sink.skipped(source);
      return;
    }
    SyslogPrefix syslog = SyslogPrefix.parse(text);
    if (syslog != null && !syslog.program().toLowerCase(Locale.ROOT).contains("axigen")) {
      sink.skipped(source);
      return;
    }
    String host = syslog != null ? syslog.host() : context.hostLabel();
    sink.accept(new Unparsed(new EventHeader(source, null, host, AxigenFormat.NAME, null, null),
        "an Axigen line: YYYY-MM-DD HH:MM:SS +ZZZZ LEVEL HOST SERVICE:ID: text (or a syslog prefix, then"
            + " SERVICE:ID: text)"));
  }

  private void closeIdle(Instant now, EventSink sink) {
    smtpIn.closeIdle(now, sink);
    smtpOut.closeIdle(now, sink);
  }

  @Override
  public void flush(EventSink sink) {
    smtpIn.flush(sink);
    smtpOut.flush(sink);
  }
}
