package org.smtptrail.engine.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.LogFormats;
import org.smtptrail.core.ParseContext;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.ingest.IngestSummary.SkippedFile;

/**
 * Batch-indexes the files of some sources (files, folders, globs; each with its own format, zone and host label).
 * Each rotated set is read oldest first; each file resumes at its checkpoint, found by content fingerprint, so
 * re-running on the same folder adds nothing and a renamed or compressed rotation is not read twice. Each file is
 * committed with its checkpoint when done. Independent sources (different servers) are read on several threads,
 * into one index through one correlator (see {@link ReadingGroups} and {@link IndexSession}).
 */
public final class Ingester {
  /** The start of the reason given for files that no installed format recognises. */
  public static final String NOT_A_LOG = "not a known log format";

  private final DataDirectory dataDirectory;
  private final IngestListener listener;
  private final int threads;

  /** An ingester that reads independent sources on as many threads as there are cores. */
  public Ingester(DataDirectory dataDirectory, IngestListener listener) {
    this(dataDirectory, listener, Runtime.getRuntime().availableProcessors());
  }

  /**
   * An ingester that reads independent sources (see {@link ReadingGroups}) on up to {@code threads} threads, into
   * one index and one correlator; 1 reads everything on the calling thread.
   */
  public Ingester(DataDirectory dataDirectory, IngestListener listener, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.dataDirectory = dataDirectory;
    this.listener = listener;
    this.threads = threads;
  }

  /**
   * Indexes what is new in the files of these sources (folders are walked recursively; hidden files are ignored). A
   * file that several sources name is read once, with the options of the first.
   */
  public IngestSummary index(List<LogSource> sources) throws IOException {
    long started = System.nanoTime();
    List<SkippedFile> skipped = new ArrayList<>();
    Map<Path, IngestOptions> optionsByFile = new LinkedHashMap<>();
    Map<Path, Integer> sourceOf = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      for (Path file : expand(sources.get(i), skipped)) {
        if (optionsByFile.putIfAbsent(file, sources.get(i).options()) == null) {
          sourceOf.put(file, i);
        }
      }
    }
    List<Path> files = RotationOrder.sort(List.copyOf(optionsByFile.keySet()));
    long totalBytes = 0;
    for (Path file : files) {
      totalBytes += Files.size(file);
    }
    listener.started(files.size(), totalBytes);
    List<List<Path>> groups = ReadingGroups.of(files, sourceOf);
    GroupResult all = new GroupResult(new IngestCounters(), skipped);
    try (IndexSession session = IndexSession.open(dataDirectory)) {
      for (GroupResult group : readGroups(session, groups, optionsByFile)) {
        all.add(group);
      }
      session.pruneCorrelation();
      session.commit();
    }
    IngestCounters counters = all.counters;
    return new IngestSummary(all.read, all.unchanged, List.copyOf(skipped), counters.lines, counters.events,
        counters.skippedLines, counters.unparsed, List.copyOf(counters.unparsedExamples),
        (System.nanoTime() - started) / 1e9);
  }

  /** What one group of files gave; groups are added up in their order, so the summary does not depend on timing. */
  private static final class GroupResult {
    final IngestCounters counters;
    final List<SkippedFile> skipped;
    int read;
    int unchanged;

    GroupResult(IngestCounters counters, List<SkippedFile> skipped) {
      this.counters = counters;
      this.skipped = skipped;
    }

    void add(GroupResult group) {
      counters.add(group.counters);
      skipped.addAll(group.skipped);
      read += group.read;
      unchanged += group.unchanged;
    }
  }

  /** Reads the groups: on this thread when there is one group or one thread, else on a pool, one group a task. */
  private List<GroupResult> readGroups(IndexSession session, List<List<Path>> groups,
      Map<Path, IngestOptions> optionsByFile) throws IOException {
    List<GroupResult> results = new ArrayList<>();
    int poolSize = Math.min(threads, groups.size());
    if (poolSize <= 1) {
      for (List<Path> group : groups) {
        results.add(readGroup(session, group, optionsByFile));
      }
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(poolSize, Thread.ofPlatform().name("smtptrail-ingest-", 1)
        .factory());
    try {
      List<Future<GroupResult>> futures = new ArrayList<>();
      for (List<Path> group : groups) {
        futures.add(pool.submit(() -> readGroup(session, group, optionsByFile)));
      }
      for (Future<GroupResult> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while indexing");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } finally {
      // no interrupts: an interrupted Lucene write closes the writer; let running groups end before the session does
      pool.shutdown();
      awaitQuietly(pool);
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.HOURS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private GroupResult readGroup(IndexSession session, List<Path> group, Map<Path, IngestOptions> optionsByFile)
      throws IOException {
    GroupResult result = new GroupResult(new IngestCounters(), new ArrayList<>());
    for (Path file : group) {
      try {
        switch (readFile(session, new LogFile(file), optionsByFile.get(file), result)) {
          case READ -> result.read++;
          case UNCHANGED -> result.unchanged++;
          case SKIPPED -> {}
        }
      } catch (IOException | UncheckedIOException unreadable) {
        result.skipped.add(new SkippedFile(file.toString(), "unreadable: " + describe(unreadable)));
      }
      long bytes = Files.size(file);
      synchronized (listener) {
        listener.fileDone(file, bytes);
      }
    }
    return result;
  }

  private enum Outcome { READ, UNCHANGED, SKIPPED }

  private static Outcome readFile(IndexSession session, LogFile file, IngestOptions options, GroupResult group)
      throws IOException {
    List<SkippedFile> skipped = group.skipped;
    String name = file.path().toString();
    String fingerprint = file.fingerprint();
    if (fingerprint == null) {
      skipped.add(new SkippedFile(name, Files.size(file.path()) == 0 ? "empty" : "no complete line yet"));
      return Outcome.SKIPPED;
    }
    LogFormat format = FormatSniffer.formatOf(file, options.format());
    if (format == null) {
      skipped.add(new SkippedFile(name,
          NOT_A_LOG + " (installed: " + String.join(", ", LogFormats.names()) + "; use --format to force)"));
      return Outcome.SKIPPED;
    }
    long checkpointed = session.checkpoint(fingerprint).offset();
    FileProgress progress = session.start(fingerprint, name, format,
        new ParseContext(name, options.zone(), file.lastModified(), options.hostLabel()), group.counters);
    try (LineReader reader = file.openAt(progress.offset())) {
      progress.read(reader, true);
    } catch (IOException | UncheckedIOException damaged) {
      // a truncated or corrupt .gz: keep what was readable, report the rest
      skipped.add(new SkippedFile(name, "read up to byte " + progress.offset() + ", then: " + describe(damaged)));
    }
    progress.flush();
    session.commitFile(progress);
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
    return files;
  }

  static String describe(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof NoSuchFileException) {
      return "no such file";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
