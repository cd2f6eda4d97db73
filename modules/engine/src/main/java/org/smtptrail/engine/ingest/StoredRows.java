package org.smtptrail.engine.ingest;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Removed;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.engine.store.FileWrites;
import org.smtptrail.engine.store.StoreWriter;
import org.smtptrail.engine.store.WrittenSoFar;
import org.smtptrail.engine.verdict.MessageRows;

/**
 * Keeps the stored verdict rows of the messages being written current: every message an event was filed under since
 * the last {@link #flush()} gets its rows computed again from all its events and replaced, and {@link IndexSession}
 * flushes before each commit, so rows and events are always committed together. Between commits, rows are written
 * when a message leaves the heap. A message's events are written with its rows, those of one file as one document
 * ({@link FileWrites#events}): far fewer documents than one per event.
 *
 * <p>Reading a message's events back costs more than writing them (the local store's near-real-time reader writes
 * the buffered documents out as a small segment, which Lucene must merge later), so the events of the messages
 * still in flight are kept on the heap ({@link CacheSize}); a message the server removed from its queue (Postfix
 * "removed") is done, and let go at the next flush. A message is known whole when the heap holds every event of it:
 * its key had no event in the store when its first event arrived here, and it was not let go since. Otherwise its
 * events are read back, from what the store wrote so far ({@link StoreWriter#writtenSoFar()}), once per flush; a
 * Bloom filter of the keys let go since then tells them apart (a false positive only reads a message back that did
 * not need it). The old rows of a message are deleted only when it may have some: a message first seen here has
 * none until its first flush.
 */
final class StoredRows {
  /**
   * How many events the heap holds: a flush is forced at {@code maxEvents}; after it the messages that are done are
   * let go, then the least recently written ones down to {@code keptEvents} (messages in flight stay: for a
   * tailer, most of what it reads). The default is the fastest of a sweep on a 3.85 M-line Postfix log with a
   * 256 MB heap (benchmarks/RESULTS.md): larger fills the heap (the collector then runs all the time), smaller lets
   * messages in flight go and reads them back.
   */
  record CacheSize(int maxEvents, int keptEvents) {
    static final CacheSize DEFAULT = new CacheSize(16_384, 8_192);
    /**
     * A tailer's: a live log interleaves far more messages in flight than a batch's sorted history, and a message let
     * go is read back through a near-real-time reader at its next event; at 50 k lines/s with the default, reading
     * back took most of the reading thread (benchmarks/RESULTS.md, "The hot path"). About 40 MB of heap.
     */
    static final CacheSize TAIL = new CacheSize(131_072, 65_536);
  }

  private static final int KEYS_PER_READ = 256;
  private static final int EXPECTED_EVICTIONS = 1 << 20;

  private final StoreWriter store;
  /** Writes events and rows on its own thread, in order; drained before the store is read back. */
  private final IndexWorker worker;
  private final CacheSize size;
  /** The recent messages, least recently written first. */
  private final LinkedHashMap<String, CachedMessage> cache = new LinkedHashMap<>(1024, 0.75f, true);
  private final Set<String> dirty = new HashSet<>();
  private int cachedEvents;
  /** What the store held when it was last read back; every event since is in {@link #cache} or {@link #evicted}. */
  private WrittenSoFar written;
  private BloomFilter<CharSequence> evicted = newEvictedFilter();

  StoredRows(StoreWriter store, IndexWorker worker, CacheSize size) throws IOException {
    this.store = store;
    this.worker = worker;
    this.size = size;
    this.written = readWritten(null);
  }

  /**
   * An event of message {@code key} was read from the file {@code file} prepares writes for. It is written to the
   * store with the message's other events of that file in one document, when the message's rows are (an unparsed
   * line at once, alone: the unparsed lines are counted by their documents).
   */
  void added(String key, LogEvent event, FileWrites file) throws IOException {
    CachedMessage message = cache.get(key);
    if (message == null) {
      message = new CachedMessage(!evicted.mightContain(key) && !written.hasMessage(key));
      cache.put(key, message);
    }
    message.events.add(event);
    if (event instanceof Unparsed) {
      worker.add(file.events(key, List.of(event)));
    } else {
      if (message.unwrittenFile != file) {
        writeEvents(key, message); // a document holds the events of one file: a resumed read deletes by file
        message.unwrittenFile = file;
      }
      message.unwritten.add(event);
    }
    message.done |= event instanceof Removed;
    cachedEvents++;
    dirty.add(key);
    if (cachedEvents >= size.maxEvents()) {
      letGoOfSome();
    }
  }

  /**
   * Hands every event read so far to the store, before a resumed read deletes what it will read again: the rows wait
   * for the next flush.
   */
  void writeEvents() throws IOException {
    for (Map.Entry<String, CachedMessage> message : cache.entrySet()) {
      writeEvents(message.getKey(), message.getValue());
    }
  }

  private void writeEvents(String key, CachedMessage message) throws IOException {
    if (!message.unwritten.isEmpty()) {
      worker.add(message.unwrittenFile.events(key, message.unwritten));
      message.unwritten = new ArrayList<>();
    }
  }

  /**
   * These messages lost events in the store (a resumed read deleted them, after {@link #writeEvents()}): their rows
   * are computed again.
   */
  void lostEvents(Set<String> keys) {
    for (String key : keys) {
      CachedMessage stale = cache.put(key, new CachedMessage(false));
      if (stale != null) {
        cachedEvents -= stale.events.size();
      }
      dirty.add(key);
    }
  }

  /** Replaces the rows of every message changed since the last flush: before each commit. */
  void flush() throws IOException {
    writeRows(List.copyOf(dirty));
    letGoOfSome();
  }

  /**
   * Makes room on the heap: the messages that are done, then the least recently written ones down to
   * {@link CacheSize#keptEvents()}, get their rows written (if they changed) and are let go. A message still in flight
   * that stays keeps its changes for a later flush: its rows are written once, not at every flush it spans.
   */
  private void letGoOfSome() throws IOException {
    List<String> leaving = new ArrayList<>();
    int leavingEvents = 0;
    for (Map.Entry<String, CachedMessage> message : cache.entrySet()) {
      if (message.getValue().done) {
        leaving.add(message.getKey());
        leavingEvents += message.getValue().events.size();
      }
    }
    for (Map.Entry<String, CachedMessage> message : cache.entrySet()) { // least recently written first
      if (cachedEvents - leavingEvents <= size.keptEvents()) {
        break;
      }
      if (!message.getValue().done) {
        leaving.add(message.getKey());
        leavingEvents += message.getValue().events.size();
      }
    }
    writeRows(leaving.stream().filter(dirty::contains).toList());
    for (String key : leaving) {
      cachedEvents -= cache.remove(key).events.size();
      evicted.put(key);
    }
  }

  /** Writes the events read since and replaces the rows of these changed messages. */
  private void writeRows(List<String> keys) throws IOException {
    if (keys.isEmpty()) {
      return;
    }
    for (String key : keys) {
      writeEvents(key, cache.get(key));
    }
    readBackIncomplete(keys);
    for (String key : keys) {
      CachedMessage message = cache.get(key);
      worker.add(store.rows(key, MessageRows.of(key, message.events), message.mayHaveRows));
      message.mayHaveRows = true;
      dirty.remove(key);
    }
  }

  /** Reads every event of these messages not known whole from the store (which has all of them now). */
  private void readBackIncomplete(List<String> keys) throws IOException {
    List<String> incomplete = new ArrayList<>();
    for (String key : keys) {
      if (!cache.get(key).complete) {
        incomplete.add(key);
      }
    }
    if (incomplete.isEmpty()) {
      return;
    }
    written = readWritten(written);
    evicted = newEvictedFilter();
    Map<String, List<LogEvent>> read = new HashMap<>();
    for (int from = 0; from < incomplete.size(); from += KEYS_PER_READ) {
      List<String> batch = incomplete.subList(from, Math.min(incomplete.size(), from + KEYS_PER_READ));
      read.putAll(written.eventsByKey(batch));
    }
    for (String key : incomplete) {
      CachedMessage message = cache.get(key);
      List<LogEvent> events = read.get(key);
      cachedEvents += events.size() - message.events.size();
      message.events = events;
      message.complete = true;
    }
  }

  /** What the store wrote so far, with every write handed over applied; the previous one is let go. */
  private WrittenSoFar readWritten(WrittenSoFar previous) throws IOException {
    worker.drain(); // every event handed over is in the store before it is read
    WrittenSoFar recent = store.writtenSoFar();
    if (previous != null) {
      previous.close();
    }
    return recent;
  }

  /** Lets what was written go (the session is closing). */
  void close() throws IOException {
    written.close();
  }

  private static BloomFilter<CharSequence> newEvictedFilter() {
    return BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), EXPECTED_EVICTIONS, 0.01);
  }

  /** The events of one message seen lately, and what is known of it. */
  private static final class CachedMessage {
    List<LogEvent> events = new ArrayList<>();
    /** The last of {@link #events}, not written to the store yet; read from {@link #unwrittenFile}. */
    List<LogEvent> unwritten = new ArrayList<>();
    FileWrites unwrittenFile;
    /** Whether {@link #events} are all of its events. */
    boolean complete;
    /** Whether the store may hold rows of it: it was in the store before, or its rows were written since. */
    boolean mayHaveRows;
    /** Whether the server removed it from its queue: nothing more will happen to it. */
    boolean done;

    CachedMessage(boolean complete) {
      this.complete = complete;
      this.mayHaveRows = !complete;
    }
  }
}
