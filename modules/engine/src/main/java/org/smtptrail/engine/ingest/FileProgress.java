package org.smtptrail.engine.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Probed;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.engine.state.Checkpoint;
import org.smtptrail.engine.store.FileWrites;

/**
 * Reading one file into the index: where reading stands, the file's parser, and the position that is safe to
 * checkpoint (past complete lines only, and never past a record the parser still buffers).
 */
final class FileProgress implements EventSink {
  private final String fingerprint;
  private final String name;
  private final String formatName;
  private final String hostLabel;
  private final LineParser parser;
  private final IndexWorker worker;
  private final Correlator correlator;
  private final StoredRows rows;
  private final IngestCounters counters;
  private final FileWrites writes;
  private long offset;
  private long lineNumber;
  private long eventsWritten;
  private boolean dirty;
  /** Reading the rest of an over-long line that was already counted and cut: its bytes are passed over. */
  private boolean inCutLine;

  FileProgress(String fingerprint, String name, String formatName, String hostLabel, LineParser parser,
      Checkpoint start, FileWrites writes, IndexWorker worker, Correlator correlator, StoredRows rows,
      IngestCounters counters) {
    this.fingerprint = fingerprint;
    this.name = name;
    this.formatName = formatName;
    this.hostLabel = hostLabel;
    this.parser = parser;
    this.offset = start.offset();
    this.lineNumber = start.lineNumber();
    this.worker = worker;
    this.correlator = correlator;
    this.rows = rows;
    this.counters = counters;
    this.writes = writes;
  }

  String fingerprint() {
    return fingerprint;
  }

  String name() {
    return name;
  }

  /** The next byte to read. */
  long offset() {
    return offset;
  }

  long eventsWritten() {
    return eventsWritten;
  }

  /**
   * Reads the lines the reader has (it must be positioned at {@link #offset()}). A last line without newline is the
   * writer's unfinished work: with {@code finalInput} false (tail) it is left for the next read; with it true (a
   * rotated file in batch) it is indexed, but reading resumes before it, so it is replaced if it grows.
   */
  void read(LineReader reader, boolean finalInput) throws IOException {
    read(reader, finalInput, () -> true);
  }

  /**
   * As {@link #read(LineReader, boolean)}, stopping before the next line once {@code keepReading} says no (Ctrl-C
   * during a batch); true if the input was read to its end.
   */
  boolean read(LineReader reader, boolean finalInput, BooleanSupplier keepReading) throws IOException {
    while (keepReading.getAsBoolean()) {
      if (!reader.next()) {
        return true;
      }
      if (inCutLine) {
        // the rest of a line cut at MAX_LINE_BYTES (tail reads in windows): skip it, up to its newline
        offset = reader.endOffset();
        inCutLine = !reader.terminated();
        dirty = true;
        continue;
      }
      if (!reader.terminated() && !finalInput && !reader.full()) {
        return true;
      }
      long number = lineNumber + 1;
      counters.lines++;
      String text = reader.text();
      SourceLine line = new SourceLine(name, number, reader.lineOffset(), text);
      if (reader.truncated() || !reader.terminated() && reader.full()) {
        // stored without a parser; Unparsed masks its line's credentials itself
        accept(new Unparsed(new EventHeader(line, null, hostLabel, formatName, null, null),
            "a line shorter than " + LineReader.MAX_LINE_BYTES + " bytes"));
      } else if (!text.isEmpty()) {
        parser.parse(line, this);
      }
      if (reader.terminated()) {
        offset = reader.endOffset();
        lineNumber = number;
        dirty = true;
      } else if (reader.full() && !finalInput) {
        // a line longer than a tail window never completes within one: count it now and pass over the rest
        offset = reader.endOffset();
        lineNumber = number;
        inCutLine = true;
        dirty = true;
      }
    }
    return false;
  }

  /** Emits what the parser still buffers (end of a batch file, or a quiet tailed file); true if it emitted any. */
  boolean flush() {
    long before = eventsWritten;
    parser.flush(this);
    return eventsWritten > before;
  }

  /** The position a restart may resume from: past complete lines, not past a buffered record. */
  Checkpoint safeCheckpoint() {
    SourceLine pending = parser.pendingRecord();
    if (pending != null && pending.byteOffset() < offset) {
      return new Checkpoint(pending.byteOffset(), pending.lineNumber() - 1);
    }
    return new Checkpoint(offset, lineNumber);
  }

  /** True once, after new lines were read since the last call. */
  boolean takeDirty() {
    boolean was = dirty;
    dirty = false;
    return was;
  }

  @Override
  public void accept(LogEvent event) {
    try {
      String key = correlator.keyFor(event);
      if (key == null) {
        worker.add(writes.events(null, List.of(event)));
      } else {
        rows.added(key, event, writes); // written with the message's other events
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    eventsWritten++;
    counters.events++;
    if (event instanceof Unparsed unparsed) {
      counters.unparsed(unparsed);
    } else if (event instanceof Probed) {
      counters.probes++;
    }
  }

  @Override
  public void skipped(SourceLine line) {
    counters.skippedLines++;
  }
}
