package org.smtptrail.engine.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.ParseContext;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.store.FreshView;
import org.smtptrail.engine.store.Store;
import org.smtptrail.engine.store.StoreHealth;

/**
 * Follows log files live and indexes each new line, surviving rotation and restarts.
 *
 * <ul>
 *   <li>Files are known by device + inode while open and by content fingerprint in checkpoints. A rename + create
 *       (logrotate's default) leaves the old file open: lines written to it before the writer reopened are still
 *       read, for {@link TailSettings#detachedGrace()} after its last growth; the new file is followed from its start.
 *   <li>copytruncate: the same inode shrinks; what is written after the truncation is a new file (new fingerprint),
 *       read from its start.
 *   <li>A compressed or renamed copy of a file already read is recognised by fingerprint and adds nothing; a file
 *       that appears later (in a followed folder, or a named path that did not exist yet) is picked up.
 *   <li>A line is indexed only once its newline has arrived.
 *   <li>Commits every {@link TailSettings#commit()}, then checkpoints, on a thread of its own while reading goes on;
 *       after a crash or restart reading resumes at the checkpoint and re-read lines replace their events (see
 *       {@link IndexSession}).
 *   <li>Readers of the same process ({@code serve --tail}) search its {@link #freshView()}, which takes in what was
 *       read every {@link TailSettings#refresh()} and whenever one of them asks, without waiting for a commit.
 *   <li>A store that is unreachable or busy for a while holds the writes until it answers (see
 *       {@link org.smtptrail.engine.store.StoreWriter}): reading pauses once the index worker's queue is full, a
 *       commit and its checkpoints wait for it, nothing here gives up meanwhile, and reading goes on by itself after
 *       ({@link #storeHealth()}).
 * </ul>
 */
public final class FileTailer implements Closeable {
  private final List<LogSource> sources;
  private final TailSettings settings;
  private final IndexSession session;
  private final Map<Object, FollowedFile> followed = new HashMap<>();
  /** Fingerprints of files read to their end once (compressed rotations): not followed, not read again. */
  private final Set<String> finished = new HashSet<>();
  /** Files of no known format, with their size when sniffed: sniffed again only when they change. */
  private final Map<Object, Long> notLogs = new HashMap<>();
  /** Files whose problem was reported already (by identity): each is reported once, however often it is retried. */
  private final Set<Object> reported = new HashSet<>();
  private final List<String> problems = new ArrayList<>();
  /** How often the correlation state is pruned while tailing: it only has to stay bounded, not be exact. */
  private static final long PRUNE_EVERY_NANOS = 60_000_000_000L;
  /** A refresh nobody asked for waits at least this many times what the last one cost. */
  private static final int UNASKED_COST_FACTOR = 10;

  private long lastCommitNanos = System.nanoTime();
  private long lastRefreshNanos = System.nanoTime();
  /** What the last refresh that took in new lines cost. */
  private long lastRefreshCostNanos;
  private long lastPruneNanos = System.nanoTime();
  private boolean uncommitted;
  /** Lines read (or records flushed) since the writer view's last refresh. */
  private boolean unrefreshed;
  /** The view of readers in this process, once one was asked for; refreshed by the tailer's thread only. */
  private volatile FreshView view;
  private boolean closed;
  /** Checked between lines of a compressed rotation, which is read in one go: a stop must not wait for its end. */
  private BooleanSupplier keepRunning = () -> true;
  /** The previous writer's last commit or first start: rotated files written after it hold lines nobody indexed. */
  private final Instant previousRun;

  /**
   * Follows the files of these sources (a folder's files and a glob's matches are looked for at every poll) into
   * {@code store}, for the agent of {@code dataDirectory} (its checkpoints and messages in flight).
   */
  public FileTailer(DataDirectory dataDirectory, Store store, TailSettings settings, List<LogSource> sources)
      throws IOException {
    this(dataDirectory, store, settings, sources, IngestListener.NONE);
  }

  /**
   * As {@link #FileTailer(DataDirectory, Store, TailSettings, List)}; {@code listener} hears an old store's upgrade.
   */
  public FileTailer(DataDirectory dataDirectory, Store store, TailSettings settings, List<LogSource> sources,
      IngestListener listener) throws IOException {
    this.sources = List.copyOf(sources);
    this.settings = settings;
    this.session = IndexSession.open(dataDirectory, store, listener, StoredRows.CacheSize.TAIL);
    this.previousRun = session.previousRunTime();
  }

  /**
   * Polls until {@code keepRunning} says stop, then commits. Sleeps between polls only when there was nothing new (and
   * then less when a reader of the {@link #freshView()} asks for what is new).
   */
  public void run(BooleanSupplier keepRunning) throws IOException {
    this.keepRunning = keepRunning;
    while (keepRunning.getAsBoolean()) {
      FreshView readers = view;
      long round = readers == null ? 0 : readers.asked(); // the readers' requests this round answers
      boolean readAny = pollOnce();
      if (System.nanoTime() - lastCommitNanos >= settings.commit().toNanos()) {
        commitInBackground();
      }
      if (readers != null) {
        refreshIfDue(readers, round, readAny);
      }
      if (readAny) {
        continue;
      }
      try {
        if (readers == null) {
          Thread.sleep(settings.poll().toMillis());
        } else { // a round that read nothing answered its requests: only a later one wakes this
          readers.sleep(round, settings.poll().toNanos());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    commit();
  }

  /**
   * Refreshes the writer view when a reader asked before this round of reading started, or when lines were read since
   * the last refresh and its interval has passed. A refresh costs about as much as reading what it takes in (the
   * verdict rows of every message touched, a new segment), so the tailer must not spend its time refreshing while lines
   * pile up: a refresh nobody asked for waits ten times what the last one cost (catching up on a backlog, a refresh
   * writes a large segment and the time is better spent reading), and one that readers wait for waits as long as the
   * last one took while lines are still coming, so reading keeps at least half of this thread; once a round found
   * nothing new to read, it has nothing to keep that half for, and an asked refresh runs at once
   * (benchmarks/RESULTS.md, "The hot path").
   */
  private void refreshIfDue(FreshView readers, long round, boolean readAny) throws IOException {
    long started = System.nanoTime();
    long sinceLast = started - lastRefreshNanos;
    boolean asked = readers.waiting(round);
    boolean due = unrefreshed
        && sinceLast >= Math.max(settings.refresh().toNanos(), UNASKED_COST_FACTOR * lastRefreshCostNanos);
    boolean readingKeptItsShare = !readAny || sinceLast >= lastRefreshCostNanos;
    if (!due && !(asked && (!unrefreshed || readingKeptItsShare))) {
      return;
    }
    if (unrefreshed) {
      session.handOver();
    }
    readers.refresh(round, unrefreshed);
    lastRefreshNanos = System.nanoTime();
    if (unrefreshed) {
      lastRefreshCostNanos = lastRefreshNanos - started;
    }
    unrefreshed = false;
  }

  /**
   * The view of what this tailer read, committed or not, for readers in this process ({@code serve --tail}); opened
   * on the first call, before or while {@link #run} runs. It closes with the tailer.
   */
  public FreshView freshView() throws IOException {
    FreshView opened = view;
    if (opened == null) {
      opened = session.freshView();
      view = opened;
    }
    return opened;
  }

  /** One round: discover files, read what is new, retire rotated files that went quiet; true if lines were read. */
  public boolean pollOnce() throws IOException {
    boolean readAny = false;
    Set<Object> present = new HashSet<>();
    Map<Path, IngestOptions> candidates = candidates();
    for (Path file : RotationOrder.sort(List.copyOf(candidates.keySet()))) {
      Object identity = identity(file);
      if (identity == null) {
        continue;
      }
      present.add(identity);
      FollowedFile current = followed.get(identity);
      if (current == null) {
        followOrReport(file, identity, false, candidates.get(file));
      } else {
        current.path = file;
      }
    }
    for (Map.Entry<Path, IngestOptions> sibling : rotatedSiblings().entrySet()) {
      Object identity = identity(sibling.getKey());
      if (identity != null && !present.contains(identity) && !followed.containsKey(identity)) {
        followOrReport(sibling.getKey(), identity, true, sibling.getValue());
      }
    }
    long now = System.nanoTime();
    for (FollowedFile file : new ArrayList<>(followed.values())) {
      file.detached = !present.contains(file.identity);
      if (file.size() < file.progress.offset() || !file.detached && !file.stillStartsAsBefore()) {
        retire(file); // copytruncate: what follows is a new file, picked up by its new fingerprint next poll
        continue;
      }
      if (file.readNew()) {
        uncommitted = true;
        unrefreshed = true;
        readAny = true;
        file.lastGrowthNanos = now;
      } else if (now - file.lastGrowthNanos >= settings.quietFlush().toNanos()) {
        boolean flushed = file.progress.flush();
        uncommitted |= flushed;
        unrefreshed |= flushed;
        if (file.detached && now - file.lastGrowthNanos >= settings.detachedGrace().toNanos()) {
          retire(file);
          finished.add(file.progress.fingerprint()); // drained: its other names add nothing
        }
      }
    }
    return readAny;
  }

  /** Makes what was read so far searchable, and checkpoints it. */
  public void commit() throws IOException {
    pruneWhenDue();
    if (uncommitted) {
      session.commit();
      uncommitted = false;
    }
    lastCommitNanos = System.nanoTime();
  }

  /**
   * As {@link #commit()}, on the session's commit thread while this one reads on; when the previous commit is still
   * under way, the next round tries again.
   */
  private void commitInBackground() throws IOException {
    pruneWhenDue();
    if (!uncommitted) {
      lastCommitNanos = System.nanoTime();
    } else if (session.commitInBackground()) {
      uncommitted = false;
      lastCommitNanos = System.nanoTime();
    }
  }

  private void pruneWhenDue() {
    if (System.nanoTime() - lastPruneNanos >= PRUNE_EVERY_NANOS) {
      session.pruneCorrelation();
      lastPruneNanos = System.nanoTime();
      uncommitted = true;
    }
  }

  /**
   * How the store has answered so far (any thread, for {@code /metrics}): errors, retries, and since when a write is
   * waiting for a store that is unreachable or busy (reading pauses meanwhile, and goes on by itself after).
   */
  public StoreHealth storeHealth() {
    return session.storeHealth();
  }

  /** Lines read since the tailer started. */
  public long linesRead() {
    return session.counters.lines;
  }

  /** Files being followed now. */
  public int followedFiles() {
    return followed.size();
  }

  /**
   * Starts following a file. A rotated sibling of a named file ({@code onlyIfKnown}) is read only if it was being
   * read before (it was renamed while smtptrail was not running: the rest of it is read, then it is let go), or if it
   * was written after the previous writer's last commit (a generation created and rotated away while smtptrail was
   * not running: read whole). Older rotations never read are history, not ours to backfill ({@code index} is).
   */
  private void follow(Path path, Object identity, boolean onlyIfKnown, IngestOptions options) throws IOException {
    Long sniffedSize = notLogs.get(identity);
    if (sniffedSize != null && sniffedSize == Files.size(path)) {
      return;
    }
    LogFile file = new LogFile(path);
    String fingerprint;
    LogFormat format;
    try {
      fingerprint = file.fingerprint();
      if (fingerprint == null || finished.contains(fingerprint) || followedFingerprint(fingerprint)) {
        return; // no complete first line yet, or another name of a file read already
      }
      if (onlyIfKnown && !session.knows(fingerprint) && !writtenSincePreviousRun(file)) {
        notLogs.put(identity, Files.size(path)); // an older rotation never read: not ours to backfill
        return;
      }
      format = FormatSniffer.formatOf(file, options.format(), false);
    } catch (NoSuchFileException gone) {
      return;
    }
    if (format == null) {
      notLogs.put(identity, Files.size(path));
      return;
    }
    notLogs.remove(identity);
    // a followed file is written after it was opened: its lines are dated up to the moment they are read, not up
    // to the modification time seen now (a compressed rotation does not grow)
    ParseContext context = new ParseContext(path.toString(), options.zone(), file.lastModified(),
        options.hostLabel(), !file.isCompressed());
    FileProgress progress = session.start(fingerprint, path.toString(), format, context);
    if (file.isCompressed()) {
      // a compressed rotation does not grow: read it once, to its end (a truncated one up to where it breaks)
      boolean toTheEnd = true;
      try (LineReader reader = file.openAt(progress.offset())) {
        toTheEnd = progress.read(reader, true, keepRunning);
      } catch (IOException | UncheckedIOException damaged) {
        report(identity, path + ": " + IngestSummary.SkippedFile.DAMAGED + progress.offset() + ", then: "
            + Ingester.describe(damaged));
      }
      if (toTheEnd) {
        progress.flush();
        finished.add(fingerprint);
      } // else stopping (Ctrl-C, SIGTERM): the rest is read from the checkpoint by the next run
      session.commit();
      unrefreshed = true;
      session.finish(progress);
      return;
    }
    followed.put(identity, new FollowedFile(identity, path, progress));
  }

  private boolean writtenSincePreviousRun(LogFile file) throws IOException {
    return file.lastModified().isAfter(previousRun);
  }

  /**
   * Follows a file, or reports once why it cannot be read (permissions, a read error) and tries again next poll: one
   * bad file never stops the tailer, and a file whose permissions are fixed is picked up.
   */
  private void followOrReport(Path path, Object identity, boolean onlyIfKnown, IngestOptions options) {
    try {
      follow(path, identity, onlyIfKnown, options);
    } catch (IOException | UncheckedIOException unreadable) {
      report(identity, path + ": " + IngestSummary.SkippedFile.UNREADABLE + Ingester.describe(unreadable));
    }
  }

  private void report(Object identity, String problem) {
    if (reported.add(identity)) {
      problems.add(problem);
    }
  }

  /** Files that could not be read (or only in part), each once, as "path: reason", in the order met. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  private boolean followedFingerprint(String fingerprint) {
    for (FollowedFile file : followed.values()) {
      if (file.progress.fingerprint().equals(fingerprint)) {
        return true;
      }
    }
    return false;
  }

  private void retire(FollowedFile file) throws IOException {
    file.progress.flush();
    session.commit();
    unrefreshed = true;
    session.finish(file.progress);
    followed.remove(file.identity);
    file.close();
  }

  /**
   * Rotated names of the named files ({@code mail.log.1}, {@code mail.log-20261123}, {@code mail.log.1.gz}): where
   * a file renamed while the tailer was down is found again.
   */
  private Map<Path, IngestOptions> rotatedSiblings() throws IOException {
    Map<Path, IngestOptions> siblings = new LinkedHashMap<>();
    for (LogSource source : sources) {
      Path path = source.path();
      Path folder = path.toAbsolutePath().getParent();
      if (source.glob() != null || Files.isDirectory(path) || folder == null || !Files.isDirectory(folder)) {
        continue; // a glob names the rotated pieces it wants itself
      }
      String name = path.getFileName().toString();
      try (Stream<Path> list = Files.list(folder)) {
        list.filter(p -> {
          String other = p.getFileName().toString();
          return other.length() > name.length() + 1 && other.startsWith(name)
              && ".-_".indexOf(other.charAt(name.length())) >= 0;
        }).filter(Files::isRegularFile).forEach(p -> siblings.putIfAbsent(p, source.options()));
      }
    }
    return siblings;
  }

  /**
   * The files to look at now, each with its source's options (the first source that names a file wins): named files
   * that exist, the files of named folders, and what the globs match.
   */
  private Map<Path, IngestOptions> candidates() throws IOException {
    Map<Path, IngestOptions> files = new LinkedHashMap<>();
    for (LogSource source : sources) {
      Path path = source.path();
      if (source.glob() != null) {
        GlobFiles.matching(path, source.glob()).forEach(p -> files.putIfAbsent(p, source.options()));
      } else if (Files.isDirectory(path)) {
        try (Stream<Path> list = Files.list(path)) {
          list.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted().forEach(p -> files.putIfAbsent(p, source.options()));
        } catch (NoSuchFileException | UncheckedIOException gone) {
          // the folder went away meanwhile
        }
      } else if (Files.isRegularFile(path)) {
        files.putIfAbsent(path, source.options());
      }
    }
    return files;
  }

  /** Device and inode (where the file system has them), else the file key Java offers. */
  private static Object identity(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.fileKey() != null ? attributes.fileKey() : file.toAbsolutePath();
    } catch (IOException gone) {
      return null;
    }
  }

  /** Commits what was read and lets go of the data folder. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      for (FollowedFile file : followed.values()) {
        file.progress.flush();
      }
      commit();
      for (FollowedFile file : followed.values()) {
        file.close();
      }
    } finally {
      session.close();
    }
  }
}
