package org.smtptrail.engine.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.LogFormats;
import org.smtptrail.core.ParseContext;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.DataFolderWriteException;
import org.smtptrail.engine.ingest.IngestSummary.SkippedFile;
import org.smtptrail.engine.store.Store;

/**
 * Batch-indexes the files of some sources (files, folders, globs; each with its own format, zone and host label).
 * Each rotated set is read oldest first; each file resumes at its checkpoint, found by content fingerprint, so
 * re-running on the same folder adds nothing and a renamed or compressed rotation is not read twice. Each file is
 * committed with its checkpoint when done.
 */
public final class Ingester {
  /** The start of the reason given for files that no installed format recognises. */
  public static final String NOT_A_LOG = "not a known log format";

  private final DataDirectory dataDirectory;
  private final IngestListener listener;
  private final Store store;
  private final StoredRows.CacheSize rowCache;

  /** Indexes into {@code store} for the agent of {@code dataDirectory} (its checkpoints and messages in flight). */
  public Ingester(DataDirectory dataDirectory, Store store, IngestListener listener) {
    this(dataDirectory, store, listener, StoredRows.CacheSize.DEFAULT);
  }

  /** With the stored rows' share of the heap set: a small one makes tests read messages back from the store. */
  Ingester(DataDirectory dataDirectory, Store store, IngestListener listener, StoredRows.CacheSize rowCache) {
    this.dataDirectory = dataDirectory;
    this.store = store;
    this.listener = listener;
    this.rowCache = rowCache;
  }

  /**
   * Indexes what is new in the files of these sources (folders are walked recursively; hidden files are ignored). A
   * file that several sources name is read once, with the options of the first.
   */
  public IngestSummary index(List<LogSource> sources) throws IOException {
    return index(sources, () -> true);
  }

  /**
   * As {@link #index(List)}, stopping cleanly once {@code keepRunning} says no (Ctrl-C): the file being read is
   * committed up to the last line read (not past a record its parser still buffers), the rest is left for the next
   * run, which resumes there without loss or duplicates. The summary then says it was interrupted.
   *
   * @throws DataFolderWriteException when the index or state cannot be written (a full disk): the run ends, what
   *     was read since the last commit is rolled back
   */
  public IngestSummary index(List<LogSource> sources, BooleanSupplier keepRunning) throws IOException {
    long started = System.nanoTime();
    List<SkippedFile> skipped = new ArrayList<>();
    Map<Path, IngestOptions> optionsByFile = new LinkedHashMap<>();
    for (LogSource source : sources) {
      for (Path file : expand(source, skipped)) {
        optionsByFile.putIfAbsent(file, source.options());
      }
    }
    List<Path> files = RotationOrder.sort(List.copyOf(optionsByFile.keySet()));
    long totalBytes = 0;
    for (Path file : files) {
      totalBytes += sizeOf(file);
    }
    int read = 0;
    int unchanged = 0;
    boolean interrupted = false;
    IngestCounters counters;
    try (IndexSession session = IndexSession.open(dataDirectory, store, listener, rowCache)) {
      listener.started(files.size(), totalBytes); // after an old index's rows were rebuilt, which has its own report
      counters = session.counters;
      for (Path file : files) {
        if (!keepRunning.getAsBoolean()) {
          interrupted = true;
          break;
        }
        try {
          switch (readFile(session, new LogFile(file), optionsByFile.get(file), skipped, keepRunning)) {
            case READ -> read++;
            case UNCHANGED -> unchanged++;
            case SKIPPED -> {}
            case INTERRUPTED -> interrupted = true;
          }
        } catch (IOException | UncheckedIOException unreadable) {
          rethrowWriteFailure(unreadable);
          skipped.add(new SkippedFile(file.toString(), SkippedFile.UNREADABLE + describe(unreadable)));
        }
        if (interrupted) {
          break;
        }
        listener.fileDone(file, sizeOf(file));
      }
      session.pruneCorrelation();
      session.commit();
    }
    return new IngestSummary(read, unchanged, List.copyOf(skipped), counters.lines, counters.events,
        counters.skippedLines, counters.unparsed, List.copyOf(counters.unparsedExamples),
        List.copyOf(counters.unparsedByFile.values()), counters.probes,
        (System.nanoTime() - started) / 1e9, interrupted);
  }

  /** A failure to write the data folder ends the run; only failures to read an input file are skipped over. */
  private static void rethrowWriteFailure(Exception e) throws DataFolderWriteException {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof DataFolderWriteException writeFailure) {
      throw writeFailure;
    }
  }

  private enum Outcome { READ, UNCHANGED, SKIPPED, INTERRUPTED }

  private static Outcome readFile(IndexSession session, LogFile file, IngestOptions options,
      List<SkippedFile> skipped, BooleanSupplier keepRunning) throws IOException {
    String name = file.path().toString();
    String fingerprint = file.wholeFileFingerprint(); // a batch reads a last line without newline, even a first
    if (fingerprint == null) {
      skipped.add(new SkippedFile(name, "empty"));
      return Outcome.SKIPPED;
    }
    LogFormat format = FormatSniffer.formatOf(file, options.format(), true);
    if (format == null) {
      skipped.add(new SkippedFile(name,
          NOT_A_LOG + " (installed: " + String.join(", ", LogFormats.names()) + "; use --format to force)"));
      return Outcome.SKIPPED;
    }
    long checkpointed = session.checkpoint(fingerprint).offset();
    FileProgress progress = session.start(fingerprint, name, format,
        new ParseContext(name, options.zone(), file.lastModified(), options.hostLabel()));
    boolean toTheEnd = true;
    try (LineReader reader = file.openAt(progress.offset())) {
      toTheEnd = progress.read(reader, true, keepRunning);
    } catch (IOException | UncheckedIOException damaged) {
      rethrowWriteFailure(damaged);
      // a truncated or corrupt .gz: keep what was readable, report the rest
      skipped.add(new SkippedFile(name, SkippedFile.DAMAGED + progress.offset() + ", then: " + describe(damaged)));
    }
    if (!toTheEnd) {
      // stopped mid-file: no flush, so a record the parser buffers is not cut short; the checkpoint stays before it
      session.commit();
      session.finish(progress);
      return Outcome.INTERRUPTED;
    }
    progress.flush();
    session.commit();
    session.finish(progress);
    return progress.offset() == checkpointed && progress.eventsWritten() == 0 ? Outcome.UNCHANGED : Outcome.READ;
  }

  private static List<Path> expand(LogSource source, List<SkippedFile> skipped) throws IOException {
    List<Path> files = new ArrayList<>();
    if (source.glob() != null) {
      files.addAll(GlobFiles.matching(source.path(), source.glob()));
      if (files.isEmpty()) {
        skipped.add(new SkippedFile(source.describe(), "no file matches"));
      }
      return files;
    }
    Path path = source.path();
    if (Files.isDirectory(path)) {
      walk(path, files, skipped);
    } else if (Files.isRegularFile(path)) {
      files.add(path.toAbsolutePath());
    } else if (Files.exists(path)) {
      skipped.add(new SkippedFile(path.toString(), "not a regular file"));
    } else {
      skipped.add(new SkippedFile(path.toString(), IngestSummary.NO_SUCH_PATH));
    }
    return files;
  }

  /** The regular, non-hidden files under a folder; a folder that cannot be listed is reported, not fatal. */
  private static void walk(Path folder, List<Path> files, List<SkippedFile> skipped) throws IOException {
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (attributes.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
          files.add(file.toAbsolutePath());
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException failure) {
        skipped.add(new SkippedFile(file.toString(), SkippedFile.UNREADABLE + describe(failure)));
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** The size, or 0 for a file that vanished since it was listed (it is then reported as unreadable). */
  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException gone) {
      return 0;
    }
  }

  static String describe(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof NoSuchFileException) {
      return "no such file";
    }
    if (cause instanceof AccessDeniedException) {
      return "permission denied";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
