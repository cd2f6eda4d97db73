package org.smtptrail.engine.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.LogFormats;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.SourceLine;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.EventDocuments;
import org.smtptrail.engine.index.EventIndex;
import org.smtptrail.engine.ingest.IngestSummary.SkippedFile;

/**
 * Batch-indexes files and folders. Each rotated set is read oldest first; each file resumes at its checkpoint, found
 * by content fingerprint, so re-running on the same folder adds nothing and a renamed or compressed rotation is not
 * read twice. Each file is committed with its checkpoint when done.
 */
public final class Ingester {
  static final String CORRELATION_STATE = "correlation";
  /** The start of the reason given for files that no installed format recognises. */
  public static final String NOT_A_LOG = "not a known log format";
  private static final int SNIFF_LINES = 20;
  private static final int MIN_SNIFF_CONFIDENCE = 10;
  private static final int UNPARSED_EXAMPLES = 10;

  private final DataDirectory dataDirectory;
  private final IngestOptions options;
  private final IngestListener listener;

  public Ingester(DataDirectory dataDirectory, IngestOptions options, IngestListener listener) {
    this.dataDirectory = dataDirectory;
    this.options = options;
    this.listener = listener;
  }

  /** Indexes what is new in these files and folders (folders are walked recursively; hidden files are ignored). */
  public IngestSummary index(List<Path> paths) throws IOException {
    long started = System.nanoTime();
    Run run = new Run();
    List<Path> files = RotationOrder.sort(expand(paths, run.skipped));
    long totalBytes = 0;
    for (Path file : files) {
      totalBytes += Files.size(file);
    }
    listener.started(files.size(), totalBytes);
    try (EventIndex index = EventIndex.openForWriting(dataDirectory)) {
      Map<String, String> commitData = new HashMap<>(index.committedData());
      Correlator correlator = Correlator.fromJson(commitData.get(CORRELATION_STATE));
      for (Path file : files) {
        try {
          readFile(new LogFile(file), index, commitData, correlator, run);
        } catch (IndexWriteException e) {
          throw e.getCause();
        } catch (IOException | UncheckedIOException unreadable) {
          run.skipped.add(new SkippedFile(file.toString(), "unreadable: " + describe(unreadable)));
        }
        listener.fileDone(file, Files.size(file));
      }
    }
    return new IngestSummary(run.filesRead, run.filesUnchanged, List.copyOf(run.skipped), run.lines, run.events,
        run.skippedLines, run.unparsed, List.copyOf(run.unparsedExamples), (System.nanoTime() - started) / 1e9);
  }

  private void readFile(LogFile file, EventIndex index, Map<String, String> commitData, Correlator correlator,
      Run run) throws IOException {
    String fingerprint = file.fingerprint();
    if (fingerprint == null) {
      run.skipped.add(new SkippedFile(file.path().toString(), Files.size(file.path()) == 0
          ? "empty" : "no complete line yet"));
      return;
    }
    LogFormat format = formatOf(file);
    if (format == null) {
      run.skipped.add(new SkippedFile(file.path().toString(),
          NOT_A_LOG + " (installed: " + String.join(", ", LogFormats.names()) + "; use --format to force)"));
      return;
    }
    String checkpointKey = Checkpoint.PREFIX + fingerprint;
    Checkpoint checkpoint = Checkpoint.parse(commitData.get(checkpointKey));
    String name = file.path().toString();
    LineParser parser = format.newParser(
        new ParseContext(name, options.zone(), file.lastModified(), options.hostLabel()));
    FileSink sink = new FileSink(index, correlator, fingerprint, run);
    long lineNumber = checkpoint.lineNumber();
    long committedOffset = checkpoint.offset();
    long committedLine = lineNumber;
    try (LineReader reader = file.openAt(checkpoint.offset())) {
      while (reader.next()) {
        lineNumber++;
        run.lines++;
        String text = reader.text();
        SourceLine line = new SourceLine(name, lineNumber, reader.lineOffset(), text);
        sink.startLine(reader.lineOffset(), !reader.terminated() || reader.lineOffset() == checkpoint.offset());
        if (reader.truncated()) {
          sink.accept(new Unparsed(new EventHeader(line, null, options.hostLabel(), format.name(), null, null),
              "a line shorter than " + LineReader.MAX_LINE_BYTES + " bytes"));
        } else if (!text.isEmpty()) {
          parser.parse(line, sink);
        }
        if (reader.terminated()) {
          committedOffset = reader.endOffset();
          committedLine = lineNumber;
        } else {
          lineNumber--; // an unfinished line is read again, under the same number, next time
        }
      }
    } catch (IOException | UncheckedIOException damaged) {
      // a truncated or corrupt .gz: keep what was readable, report the rest
      run.skipped.add(new SkippedFile(name, "read up to line " + committedLine + ", then: " + describe(damaged)));
    }
    parser.flush(sink);
    if (committedOffset == checkpoint.offset() && sink.eventsWritten == 0) {
      run.filesUnchanged++;
      return;
    }
    run.filesRead++;
    commitData.put(checkpointKey, new Checkpoint(committedOffset, committedLine, name).format());
    correlator.prune();
    commitData.put(CORRELATION_STATE, correlator.toJson());
    try {
      index.commit(commitData);
    } catch (IOException e) {
      throw new IndexWriteException(e);
    }
  }

  private LogFormat formatOf(LogFile file) throws IOException {
    if (options.format() != null) {
      return LogFormats.forName(options.format());
    }
    List<String> head = file.firstLines(SNIFF_LINES);
    LogFormat best = null;
    int bestConfidence = MIN_SNIFF_CONFIDENCE - 1;
    for (LogFormat format : LogFormats.all()) {
      int confidence = format.sniff(head);
      if (confidence > bestConfidence) {
        best = format;
        bestConfidence = confidence;
      }
    }
    return best;
  }

  private static List<Path> expand(List<Path> paths, List<SkippedFile> skipped) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .map(Path::toAbsolutePath)
              .forEach(files::add);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path.toAbsolutePath());
      } else if (Files.exists(path)) {
        skipped.add(new SkippedFile(path.toString(), "not a regular file"));
      } else {
        skipped.add(new SkippedFile(path.toString(), "no such file or folder"));
      }
    }
    return files;
  }

  private static String describe(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof NoSuchFileException) {
      return "no such file";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** An index write failed inside a sink, which may not throw checked exceptions: it ends the run. */
  private static final class IndexWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IndexWriteException(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /** Counters of one run. */
  private static final class Run {
    final List<SkippedFile> skipped = new ArrayList<>();
    final List<String> unparsedExamples = new ArrayList<>();
    int filesRead;
    int filesUnchanged;
    long lines;
    long events;
    long skippedLines;
    long unparsed;
  }

  /** Files the events of one file: correlates, builds the document with a stable id, counts. */
  private static final class FileSink implements EventSink {
    private final EventIndex index;
    private final Correlator correlator;
    private final String fingerprint;
    private final Run run;
    long eventsWritten;

    FileSink(EventIndex index, Correlator correlator, String fingerprint, Run run) {
      this.index = index;
      this.correlator = correlator;
      this.fingerprint = fingerprint;
      this.run = run;
    }

    /**
     * Called before each line is parsed; a line that may have been indexed before (unfinished then, or the first
     * after the checkpoint) has its old events deleted first, so reading it again never duplicates.
     */
    void startLine(long offset, boolean mayHaveBeenIndexed) {
      if (mayHaveBeenIndexed) {
        try {
          index.deleteLine(lineId(offset));
        } catch (IOException e) {
          throw new IndexWriteException(e);
        }
      }
    }

    private String lineId(long offset) {
      return fingerprint + ":" + offset;
    }

    @Override
    public void accept(LogEvent event) {
      // a parser that joins lines emits a record's events later: the record's own offset identifies it
      String lineId = lineId(event.header().source().byteOffset());
      try {
        index.add(EventDocuments.toDocument(lineId, correlator.keyFor(event), event));
      } catch (IOException e) {
        throw new IndexWriteException(e);
      }
      eventsWritten++;
      run.events++;
      if (event instanceof Unparsed unparsed) {
        run.unparsed++;
        if (run.unparsedExamples.size() < UNPARSED_EXAMPLES) {
          run.unparsedExamples.add(unparsed.header().source().position() + ": expected " + unparsed.expected());
        }
      }
    }

    @Override
    public void skipped(SourceLine line) {
      run.skippedLines++;
    }
  }
}
