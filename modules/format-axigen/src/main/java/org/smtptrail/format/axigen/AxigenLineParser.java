package org.smtptrail.format.axigen;

import java.time.Instant;
import java.util.Locale;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.credentials.Credentials;
import org.smtptrail.core.credentials.SaslExchanges;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.SourceLine;
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
 *
 * <p>Credentials are masked before a line is read: password fields in any line, and at the protocol log level the
 * client's side of SMTP AUTH exchanges, per SMTP-IN or SMTP-OUT session ({@link SaslExchanges}; the client writes
 * {@code <<} on SMTP-IN and {@code >>} on SMTP-OUT, which the content-first reading needs no help to tell).
 */
final class AxigenLineParser implements LineParser {
  /** Idle sessions are looked for every this many lines. */
  private static final int SWEEP_LINES = 512;

  private final ParseContext context;
  private final AxigenClock clock;
  private final SmtpInSessions smtpIn;
  private final SmtpOutSessions smtpOut;
  private final ProcessingLines processing;
  /** AUTH exchanges per session id, one set per service, so a line needs no key built for it. */
  private final SaslExchanges smtpInExchanges = new SaslExchanges();
  private final SaslExchanges smtpOutExchanges = new SaslExchanges();
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
  public void parse(SourceLine raw, EventSink sink) {
    AxigenLine line = AxigenLine.parse(raw.text(), clock, context.hostLabel());
    SourceLine source = masked(raw, line);
    if (source != raw && line != null) {
      line = AxigenLine.parse(source.text(), clock, context.hostLabel()); // the prefix is never masked; read again
    }
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

  /**
   * The line with its credentials masked. A protocol line of an SMTP session goes through the session's AUTH
   * exchange (which masks an AUTH command's own response too); a connect or close line of the session ends it (the
   * id may come round again). Every line gets its password fields masked; a line that ends up unparsed is masked of
   * the rest by {@link Unparsed} itself.
   */
  private SourceLine masked(SourceLine source, AxigenLine line) {
    String text = source.text();
    String masked = text;
    SaslExchanges exchanges = line == null ? null : line.service() == AxigenService.SMTP_IN ? smtpInExchanges
        : line.service() == AxigenService.SMTP_OUT ? smtpOutExchanges : null;
    if (exchanges != null) {
      int at = line.textStart();
      String marker = SmtpLine.markerAt(text, at);
      if (marker != null) {
        masked = exchanges.mask(line.id(), text, marker, at + 2);
      } else if (exchanges.isOpen(line.id()) && (AxigenText.containsIgnoreCase(text, "connect", at)
          || AxigenText.containsIgnoreCase(text, "clos", at))) {
        exchanges.end(line.id());
      }
    }
    masked = Credentials.maskFields(masked);
    return masked == text ? source : new SourceLine(source.file(), source.lineNumber(), source.byteOffset(), masked);
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
