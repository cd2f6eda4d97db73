package org.smtptrail.format.xeams;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Set;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.credentials.Credentials;
import org.smtptrail.core.credentials.SaslExchanges;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;

/**
 * Reads one Xeams log file. A record starts with a timestamp; a line that does not continues the previous record
 * (the failure log's records span two lines when the remote reply ends with a line break), so each record is handled
 * when the next one starts, or at {@link #flush}. The record's first line gives its position, the joined text its
 * evidence. Timestamps carry no zone: the source's zone ({@code index --timezone}) decides.
 *
 * <p>Which log a file is comes from its name; a file whose name says nothing is read record by record from the
 * records' shapes. Xeams lines name no host: the source's label is used, else the name of the folder the logs are in
 * (skipping a folder called "logs"), else "xeams".
 *
 * <p>Credentials are masked in each record before anything is read from it: password fields in every log, and in
 * conversation records the client's side of AUTH exchanges, followed per LCID ({@link SaslExchanges}). Xeams logs
 * them unmasked (format note, "Confirmed from public real lines").
 */
final class XeamsLineParser implements LineParser {
  static final String DEFAULT_HOST = "xeams";
  /** A stack trace or a multi-line reply is a few lines; beyond this the "continuation" is something else. */
  private static final int MAX_RECORD_LINES = 100;
  private static final int MAX_RECORD_CHARS = 64 * 1024;
  private static final Set<String> GENERIC_FOLDERS = Set.of("log", "logs", "archive", "archives", "old");

  private final ParseContext context;
  private final XeamsLog fileLog;
  private final String host;
  private final OutboundConversations conversations;
  private final AuditTrails audits;
  private final QueueLines queue;
  private final SaslExchanges exchanges = new SaslExchanges();

  private SourceLine recordStart;
  private StringBuilder recordText;
  private int recordLines;

  XeamsLineParser(ParseContext context) {
    this.context = context;
    this.fileLog = XeamsLog.ofFileName(context.file());
    this.host = hostLabel(context);
    TransactionLinks links = new TransactionLinks();
    this.conversations = new OutboundConversations(links);
    this.audits = new AuditTrails(links);
    this.queue = new QueueLines(links);
  }

  @Override
  public void parse(SourceLine line, EventSink sink) {
    String text = line.text();
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    if (RecordPrefix.startsRecord(text)) {
      finishRecord(sink);
      recordStart = line;
      recordText = new StringBuilder(text);
      recordLines = 1;
    } else if (recordStart != null && recordLines < MAX_RECORD_LINES
        && recordText.length() + text.length() < MAX_RECORD_CHARS) {
      recordText.append('\n').append(text);
      recordLines++;
    } else {
      sink.accept(new Unparsed(new EventHeader(withText(line, text), null, host, XeamsFormat.NAME, program(), null),
          recordStart == null ? "a record starting with a 'yyyy-MM-dd HH:mm:ss' timestamp"
              : "a continuation line of at most " + MAX_RECORD_LINES + " lines"));
    }
  }

  @Override
  public void flush(EventSink sink) {
    finishRecord(sink);
    conversations.flush(sink);
  }

  /** The record being joined, or the earliest dialogue line held back, whichever starts first. */
  @Override
  public SourceLine pendingRecord() {
    SourceLine held = conversations.earliestHeld();
    if (recordStart == null) {
      return held;
    }
    return held == null || recordStart.byteOffset() < held.byteOffset() ? recordStart : held;
  }

  private void finishRecord(EventSink sink) {
    if (recordStart == null) {
      return;
    }
    SourceLine source = withText(recordStart, recordText.toString());
    recordStart = null;
    recordText = null;
    handle(source, sink);
  }

  private void handle(SourceLine joined, EventSink sink) {
    String raw = joined.text();
    RecordPrefix prefix = RecordPrefix.parse(raw);
    if (prefix == null || prefix.time() == null) {
      sink.accept(new Unparsed(new EventHeader(joined, null, host, XeamsFormat.NAME, program(),
          prefix == null ? null : prefix.lcid()), "a valid date and time (yyyy-MM-dd HH:mm:ss)"));
      return;
    }
    XeamsLog log = fileLog != null ? fileLog : XeamsLog.guess(raw.substring(prefix.bodyStart()));
    String text = masked(raw, prefix, log);
    if (text != raw) {
      prefix = RecordPrefix.parse(text); // masking leaves the prefix alone; read it again all the same
    }
    SourceLine source = withText(joined, text);
    Instant time = ZonedDateTime.of(prefix.time(), context.zone()).toInstant();
    String body = text.substring(prefix.bodyStart());
    XeamsRecord record = new XeamsRecord(source, time, prefix.lcid(), body, log, host);
    switch (log) {
      case CONVERSATION -> conversations.accept(record, sink);
      case SUCCESS, FAILURE -> audits.accept(record, sink);
      case QUEUE -> queue.accept(record, sink);
      case OTHER -> sink.skipped(source);
    }
  }

  /**
   * The record with its credentials masked: in a conversation, the client's AUTH lines of its LCID (the text after
   * the arrow; a connection marker ends the LCID's exchange), the AUTH command's own response included; in every log,
   * password fields. The arrow ("&lt;--" or "--&gt;") is the direction marker: the letter before it says nothing
   * more. A record that ends up unparsed is masked of the rest by {@link Unparsed} itself.
   */
  private String masked(String text, RecordPrefix prefix, XeamsLog log) {
    String masked = text;
    int body = prefix.bodyStart();
    if (log == XeamsLog.CONVERSATION && prefix.lcid() != null) {
      int textAt = XeamsLog.arrowAt(text, body);
      if (text.startsWith("*", body)) {
        exchanges.end(prefix.lcid());
      } else if (textAt >= 0) {
        String marker = text.startsWith("<--", body) || text.startsWith("<--", body + 2) ? "<--" : "-->";
        masked = exchanges.mask(prefix.lcid(), text, marker, textAt);
      }
    }
    return Credentials.maskFields(masked);
  }

  private String program() {
    return fileLog == null ? null : fileLog.program();
  }

  private static SourceLine withText(SourceLine line, String text) {
    return text.equals(line.text()) ? line : new SourceLine(line.file(), line.lineNumber(), line.byteOffset(), text);
  }

  /** The source's label; else the folder the logs are in (a folder named "logs" says nothing); else "xeams". */
  static String hostLabel(ParseContext context) {
    if (context.hostLabel() != null && !context.hostLabel().isBlank()) {
      return context.hostLabel().strip();
    }
    try {
      Path folder = Path.of(context.file()).getParent();
      while (folder != null && folder.getFileName() != null) {
        String name = folder.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!GENERIC_FOLDERS.contains(name)) {
          return name.replaceAll("[^a-z0-9._-]", "-");
        }
        folder = folder.getParent();
      }
    } catch (InvalidPathException unusable) {
      // fall through to the fixed label
    }
    return DEFAULT_HOST;
  }
}
