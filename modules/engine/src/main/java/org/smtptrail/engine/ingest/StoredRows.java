package org.smtptrail.engine.ingest;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.engine.index.EventIndex;
import org.smtptrail.engine.index.EventSchema;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.StoredEvent;
import org.smtptrail.engine.query.MessageRows;

/**
 * Keeps the stored verdict rows of the messages being written current: every message an event was filed under since
 * the last {@link #flush()} gets its rows computed again from all its events and replaced, and {@link IndexSession}
 * flushes before each commit, so rows and events are always committed together.
 *
 * <p>Reading a message's events back from the index would cost as much as writing them, so the events of recently
 * written messages are kept on the heap (least recently used first out, {@link CacheSize}). A message is known whole when the heap holds every event of it: its key had no event in the index when its
 * first event arrived here, and it was not pushed out of the heap since. Otherwise its events are read back, through
 * a near-real-time reader, once per flush; a Bloom filter of the keys pushed out since that reader was opened tells
 * them apart (a false positive only reads a message back that did not need it).
 */
final class StoredRows {
  /**
   * How many events the heap holds: a flush is forced at {@code maxEvents}, and after it the least recently written
   * messages are let go down to {@code keptEvents} (those that go on after the flush stay: for a tailer, most).
   */
  record CacheSize(int maxEvents, int keptEvents) {
    static final CacheSize DEFAULT = new CacheSize(65_536, 32_768);
  }

  private static final int KEYS_PER_READ = 256;
  private static final int EXPECTED_EVICTIONS = 1 << 20;

  private final EventIndex index;
  /** Adds the events on its own thread: drained before the index is read back. */
  private final IndexWorker worker;
  private final CacheSize size;
  /** The recent messages, least recently written first. */
  private final LinkedHashMap<String, CachedMessage> cache = new LinkedHashMap<>(1024, 0.75f, true);
  private final Set<String> dirty = new HashSet<>();
  private int cachedEvents;
  /** What the index held when it was last read back; every event since is in {@link #cache} or {@link #evicted}. */
  private DirectoryReader reader;
  private BloomFilter<CharSequence> evicted = newEvictedFilter();

  StoredRows(EventIndex index, IndexWorker worker, CacheSize size) throws IOException {
    this.index = index;
    this.worker = worker;
    this.size = size;
    this.reader = holdRecentReader(null);
  }

  /** An event was handed to the index under {@code key} (call after handing it over). */
  void added(String key, LogEvent event) throws IOException {
    CachedMessage message = cache.get(key);
    if (message == null) {
      message = new CachedMessage(!evicted.mightContain(key) && !inIndex(key));
      cache.put(key, message);
    }
    message.events.add(event);
    cachedEvents++;
    dirty.add(key);
    if (cachedEvents >= size.maxEvents()) {
      flush();
    }
  }

  /** These messages lost events in the index (a resumed read deleted them): their rows are computed again. */
  void lostEvents(Set<String> keys) {
    for (String key : keys) {
      CachedMessage stale = cache.put(key, new CachedMessage(false));
      if (stale != null) {
        cachedEvents -= stale.events.size();
      }
      dirty.add(key);
    }
  }

  /** Replaces the rows of every message changed since the last flush. */
  void flush() throws IOException {
    if (dirty.isEmpty()) {
      return;
    }
    readBackIncomplete();
    for (String key : dirty) {
      index.replaceRows(key, MessageRows.of(key, cache.get(key).events));
    }
    dirty.clear();
    Iterator<Map.Entry<String, CachedMessage>> oldestFirst = cache.entrySet().iterator();
    while (cachedEvents > size.keptEvents() && oldestFirst.hasNext()) {
      Map.Entry<String, CachedMessage> oldest = oldestFirst.next();
      cachedEvents -= oldest.getValue().events.size();
      evicted.put(oldest.getKey());
      oldestFirst.remove();
    }
  }

  /** Reads every event of the changed messages not known whole from the index (which has all of them now). */
  private void readBackIncomplete() throws IOException {
    List<String> incomplete = new ArrayList<>();
    for (String key : dirty) {
      if (!cache.get(key).complete) {
        incomplete.add(key);
      }
    }
    if (incomplete.isEmpty()) {
      return;
    }
    reader = holdRecentReader(reader);
    evicted = newEvictedFilter();
    EventStore store = EventStore.over(reader);
    Map<String, List<LogEvent>> read = new HashMap<>();
    for (int from = 0; from < incomplete.size(); from += KEYS_PER_READ) {
      List<String> batch = incomplete.subList(from, Math.min(incomplete.size(), from + KEYS_PER_READ));
      for (StoredEvent stored : store.eventsOf(batch)) {
        read.computeIfAbsent(stored.key(), k -> new ArrayList<>()).add(stored.event());
      }
    }
    for (String key : incomplete) {
      CachedMessage message = cache.get(key);
      List<LogEvent> events = read.getOrDefault(key, new ArrayList<>());
      cachedEvents += events.size() - message.events.size();
      message.events = events;
      message.complete = true;
    }
  }

  /**
   * The index's near-real-time reader, held (the index closes its own reference when it reopens, and {@link #inIndex}
   * keeps asking this one); the previous one is let go.
   */
  private DirectoryReader holdRecentReader(DirectoryReader previous) throws IOException {
    worker.drain(); // every event handed over is in the index before it is read
    DirectoryReader recent = index.recentReader();
    recent.incRef();
    if (previous != null) {
      previous.decRef();
    }
    return recent;
  }

  /** Lets the reader go (the session is closing). */
  void close() throws IOException {
    reader.decRef();
  }

  private boolean inIndex(String key) throws IOException {
    Term term = new Term(EventSchema.KEY, key);
    for (LeafReaderContext leaf : reader.leaves()) {
      if (leaf.reader().docFreq(term) > 0) {
        return true;
      }
    }
    return false;
  }

  private static BloomFilter<CharSequence> newEvictedFilter() {
    return BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), EXPECTED_EVICTIONS, 0.01);
  }

  /** The events of one message seen lately, and whether they are all of its events. */
  private static final class CachedMessage {
    List<LogEvent> events = new ArrayList<>();
    boolean complete;

    CachedMessage(boolean complete) {
      this.complete = complete;
    }
  }
}
