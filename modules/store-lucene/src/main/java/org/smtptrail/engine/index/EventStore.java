package org.smtptrail.engine.index;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.Probed;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.store.AttemptWindow;
import org.smtptrail.engine.store.EventCodec;
import org.smtptrail.engine.store.RowFilter;
import org.smtptrail.engine.store.RowGroup;
import org.smtptrail.engine.store.RowSummer;
import org.smtptrail.engine.store.RowSums;
import org.smtptrail.engine.store.WrittenSoFar;

/**
 * The reading side of the local Lucene store: finds message keys by any event field, stored rows by a
 * {@link RowFilter}, and loads all events of a key. Readers never block the writer and see its last commit.
 */
public final class EventStore implements WrittenSoFar {
  private static final Query ROWS = RowQueries.ROWS;

  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  /** What closing this store does to its reader. */
  private final ReaderHold hold;
  /**
   * The key terms of each segment, kept for every key {@link #hasMessage} looks up (the write path asks for each new
   * message): a new enumerator per segment and key was a sixth of what the stored rows allocated at ingest.
   */
  private List<TermsEnum> keyTerms;

  private enum ReaderHold {
    /** Someone else owns the reader and closes it. */
    BORROWED,
    /** This store closes the reader. */
    OWNED,
    /** This store holds a reference, released on close. */
    REFERENCED
  }

  private EventStore(Directory directory, DirectoryReader reader, ReaderHold hold) {
    this.directory = directory;
    this.reader = reader;
    this.searcher = reader == null ? null : new IndexSearcher(reader);
    this.hold = hold;
  }

  /** A store reading through a reader someone else owns (and closes): a writer's near-real-time reader, say. */
  public static EventStore over(DirectoryReader reader) {
    return new EventStore(null, reader, ReaderHold.BORROWED);
  }

  /**
   * A store that closes {@code reader} when it is closed: {@link LiveIndex} hands out a wrapper of its shared reader
   * whose close releases it rather than closing it.
   */
  static EventStore closing(DirectoryReader reader) {
    return new EventStore(null, reader, ReaderHold.OWNED);
  }

  /**
   * A store reading through a reference to {@code reader}, taken now and released when the store is closed: the
   * writer may close its own reference meanwhile (it does when it reopens).
   */
  static EventStore holding(DirectoryReader reader) {
    reader.incRef();
    return new EventStore(null, reader, ReaderHold.REFERENCED);
  }

  /** The reader this store reads through (tests of how {@link LiveIndex} hands readers out and back). */
  DirectoryReader reader() {
    return reader;
  }

  /** Opens the index of a data folder for reading; an absent index reads as empty. */
  public static EventStore open(DataDirectory dataDirectory) throws IOException {
    if (!dataDirectory.hasIndex()) {
      return new EventStore(null, null, ReaderHold.OWNED);
    }
    Directory directory = FSDirectory.open(dataDirectory.index());
    if (!DirectoryReader.indexExists(directory)) {
      directory.close();
      return new EventStore(null, null, ReaderHold.OWNED);
    }
    return new EventStore(directory, DirectoryReader.open(directory), ReaderHold.OWNED);
  }

  @Override
  public int eventCount() throws IOException {
    if (reader == null) {
      return 0;
    }
    long events = reader.numDocs() - searcher.count(ROWS);
    for (LeafReaderContext leaf : reader.leaves()) {
      NumericDocValues counts = leaf.reader().getNumericDocValues(EventSchema.EVENTS);
      if (counts == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = counts.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = counts.nextDoc()) {
        if (live == null || live.get(doc)) {
          events += counts.longValue() - 1; // the document itself is counted above
        }
      }
    }
    return Math.toIntExact(events);
  }

  /**
   * Whether the index holds a stored row for every (message, recipient) of its events: written by this version, or
   * rebuilt since.
   */
  public boolean hasStoredRows() throws IOException {
    return reader != null && rowsOfThisVersion(reader);
  }

  @Override
  public boolean needsUpgrade() throws IOException {
    return reader != null && needsUpgrade(reader);
  }

  /**
   * As {@link #needsUpgrade()}, for a reader of a commit. Not for a writer's near-real-time reader: until its first
   * commit it carries no commit data (its writer upgraded the index before it wrote anything).
   */
  static boolean needsUpgrade(DirectoryReader commit) throws IOException {
    return commit.numDocs() > 0 && !rowsOfThisVersion(commit);
  }

  private static boolean rowsOfThisVersion(DirectoryReader commit) throws IOException {
    return RowSchema.VERSION.equals(commit.getIndexCommit().getUserData().get(RowSchema.VERSION_KEY));
  }

  @Override
  public boolean hasMessage(String key) throws IOException {
    if (reader == null) {
      return false;
    }
    if (keyTerms == null) {
      keyTerms = new ArrayList<>();
      for (LeafReaderContext leaf : reader.leaves()) {
        Terms terms = leaf.reader().terms(EventSchema.KEY);
        if (terms != null) {
          keyTerms.add(terms.iterator());
        }
      }
    }
    BytesRef term = new BytesRef(key);
    for (TermsEnum terms : keyTerms) {
      if (terms.seekExact(term)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void visitRowKeys(RowFilter filter, Predicate<String> visitor) throws IOException {
    visitKeys(RowQueries.of(filter), RowSchema.KEY, visitor);
  }

  @Override
  public void scanRows(RowFilter filter, RowGroup group, RowVisitor visitor) throws IOException {
    if (searcher == null) {
      return;
    }
    Query query = RowQueries.of(filter);
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : reader.leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      RowCursor cursor = new RowCursor(leaf.reader(), RowQueries.groupField(group));
      DocIdSetIterator matches = scorer.iterator();
      for (int doc = matches.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = matches.nextDoc()) {
        if (live == null || live.get(doc)) {
          cursor.moveTo(doc);
          visitor.visit(cursor);
        }
      }
    }
  }

  @Override
  public List<String> addressesStartingWith(String prefix, int max) throws IOException {
    return AddressTerms.startingWith(reader, prefix, max);
  }

  /** The scan's rows added up here: a local scan reads doc values only, the cheapest way there is to them. */
  @Override
  public void sumRows(RowFilter filter, RowGroup group, IntPredicate byKey, Consumer<RowSums> sums,
      Consumer<String> keys) throws IOException {
    RowSummer.sumRows(this, filter, group, byKey, sums, keys);
  }

  /**
   * Visits the distinct message keys of the events matching {@code query}, newest event first, until the visitor
   * returns false.
   */
  void visitKeys(Query query, Predicate<String> visitor) throws IOException {
    visitKeys(query, EventSchema.KEY, visitor);
  }

  private void visitKeys(Query query, String keyField, Predicate<String> visitor) throws IOException {
    if (searcher == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    NewestFirstHits hits = new NewestFirstHits(searcher, query, keyField);
    for (String key = hits.nextKey(); key != null; key = hits.nextKey()) {
      if (seen.add(key) && !visitor.test(key)) {
        return;
      }
    }
  }

  /** One search per window: a local search costs microseconds, so batching them would gain nothing here. */
  @Override
  public Map<AttemptWindow, Set<String>> someKeysWithAttempts(Collection<AttemptWindow> windows, int maxEvents)
      throws IOException {
    Map<AttemptWindow, Set<String>> keys = new LinkedHashMap<>();
    for (AttemptWindow window : windows) {
      if (!keys.containsKey(window)) {
        keys.put(window, someKeys(new BooleanQuery.Builder()
            .add(new TermQuery(new Term(EventSchema.RECIPIENT, window.recipient())), BooleanClause.Occur.FILTER)
            .add(new TermQuery(new Term(EventSchema.KIND, DeliveryAttempt.class.getSimpleName())),
                BooleanClause.Occur.FILTER)
            .add(TimeRange.between(window.fromMillis(), window.toMillis()), BooleanClause.Occur.FILTER)
            .build(), maxEvents));
      }
    }
    return keys;
  }

  @Override
  public Map<String, Set<String>> someKeysWithLocalIds(Collection<String> localIds, int maxEvents)
      throws IOException {
    return someKeysWithTerm(EventSchema.LOCAL_ID, localIds, maxEvents);
  }

  @Override
  public Map<String, Set<String>> someKeysWithMessageIds(Collection<String> messageIds, int maxEvents)
      throws IOException {
    return someKeysWithTerm(EventSchema.MESSAGE_ID, messageIds, maxEvents);
  }

  private Map<String, Set<String>> someKeysWithTerm(String field, Collection<String> values, int maxEvents)
      throws IOException {
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    for (String value : values) {
      if (!keys.containsKey(value)) {
        keys.put(value, someKeys(new TermQuery(new Term(field, value)), maxEvents));
      }
    }
    return keys;
  }

  /**
   * The distinct message keys of at most {@code maxEvents} events matching {@code query}, in no particular order: for
   * small look-ups, where {@link #visitKeys}'s sort by time costs more than the search.
   */
  private Set<String> someKeys(Query query, int maxEvents) throws IOException {
    Set<String> keys = new LinkedHashSet<>();
    if (searcher == null) {
      return keys;
    }
    StoredFields fields = searcher.storedFields();
    for (ScoreDoc hit : searcher.search(query, maxEvents).scoreDocs) {
      String key = fields.document(hit.doc, Set.of(EventSchema.KEY)).get(EventSchema.KEY);
      if (key != null) {
        keys.add(key);
      }
    }
    return keys;
  }

  @Override
  public Set<String> keysWithId(String id) throws IOException {
    return keysOf(new BooleanQuery.Builder()
        .add(new TermQuery(new Term(EventSchema.KEY, id.strip())), BooleanClause.Occur.SHOULD)
        .add(new TermQuery(new Term(EventSchema.LOCAL_ID, id.strip().toLowerCase(Locale.ROOT))),
            BooleanClause.Occur.SHOULD)
        .build());
  }

  @Override
  public Set<String> keysWithMessageId(String normalizedMessageId) throws IOException {
    return keysOf(new TermQuery(new Term(EventSchema.MESSAGE_ID, normalizedMessageId)));
  }

  @Override
  public Set<String> keysWithProbes(Instant since, Instant until) throws IOException {
    BooleanQuery.Builder query = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(EventSchema.KIND, Probed.class.getSimpleName())), BooleanClause.Occur.FILTER);
    if (since != null || until != null) {
      query.add(TimeRange.between(since == null ? Long.MIN_VALUE : since.toEpochMilli(),
          until == null ? Long.MAX_VALUE : until.toEpochMilli()), BooleanClause.Occur.FILTER);
    }
    return keysOf(query.build());
  }

  /** The distinct message keys of every event matching {@code query}, in no particular order. */
  private Set<String> keysOf(Query query) throws IOException {
    if (searcher == null) {
      return new HashSet<>();
    }
    int count = searcher.count(query);
    return count == 0 ? new HashSet<>() : someKeys(query, count);
  }

  /**
   * The message of every document matching {@code query}, with those of its events that were read from before
   * {@code offset} (a resumed read keeps them when it deletes the documents: see {@link EventIndex#deleteFrom}).
   */
  Map<String, List<LogEvent>> eventsBefore(Query query, long offset) throws IOException {
    Map<String, List<LogEvent>> kept = new LinkedHashMap<>();
    if (searcher == null) {
      return kept;
    }
    StoredFields fields = searcher.storedFields();
    Set<String> keyAndEvents = Set.of(EventSchema.KEY, EventSchema.EVENT);
    for (ScoreDoc hit : searcher.search(query, Math.max(1, searcher.count(query))).scoreDocs) {
      Document document = fields.document(hit.doc, keyAndEvents);
      String key = document.get(EventSchema.KEY);
      if (key == null) {
        continue; // an event of no message: nothing to keep, no rows to compute again
      }
      List<LogEvent> before = kept.computeIfAbsent(key, k -> new ArrayList<>());
      for (LogEvent event : eventsIn(document)) {
        if (event.header().source().byteOffset() < offset) {
          before.add(event);
        }
      }
    }
    return kept;
  }

  @Override
  public List<String> keysWithLocalId(String host, String localId) throws IOException {
    List<String> keys = new ArrayList<>();
    if (host == null || localId == null) {
      return keys;
    }
    Query query = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(EventSchema.LOCAL_ID, localId.toLowerCase(Locale.ROOT))),
            BooleanClause.Occur.FILTER)
        .add(new TermQuery(new Term(EventSchema.HOST, host.toLowerCase(Locale.ROOT))),
            BooleanClause.Occur.FILTER)
        .build();
    visitKeys(query, keys::add);
    return keys;
  }

  /**
   * Every event filed under one of these keys, in no particular order. One pass over each segment's postings of the
   * keys, then its documents in document order: a query would look every key up twice (count, then search), and
   * events of one message, indexed close in time, mostly share a stored-fields block read once.
   */
  public List<StoredEvent> eventsOf(Collection<String> keys) throws IOException {
    List<StoredEvent> events = new ArrayList<>();
    if (reader == null || keys.isEmpty()) {
      return events;
    }
    List<BytesRef> terms = keys.stream().distinct().map(BytesRef::new).sorted().toList();
    Set<String> eventOnly = Set.of(EventSchema.EVENT);
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms keyTerms = leaf.reader().terms(EventSchema.KEY);
      if (keyTerms == null) {
        continue;
      }
      TermsEnum seek = keyTerms.iterator();
      Bits live = leaf.reader().getLiveDocs();
      List<KeyedDoc> docs = new ArrayList<>();
      PostingsEnum postings = null;
      for (BytesRef term : terms) {
        if (!seek.seekExact(term)) {
          continue;
        }
        String key = term.utf8ToString();
        postings = seek.postings(postings, PostingsEnum.NONE);
        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
          if (live == null || live.get(doc)) {
            docs.add(new KeyedDoc(doc, key));
          }
        }
      }
      if (docs.isEmpty()) {
        continue;
      }
      docs.sort(Comparator.comparingInt(KeyedDoc::doc));
      StoredFields fields = leaf.reader().storedFields();
      for (KeyedDoc hit : docs) {
        for (LogEvent event : eventsIn(fields.document(hit.doc(), eventOnly))) {
          events.add(new StoredEvent(hit.key(), event));
        }
      }
    }
    return events;
  }

  private record KeyedDoc(int doc, String key) {}

  /** The events a document holds (one in indexes of before issue 15, one or more since). */
  static List<LogEvent> eventsIn(Document document) {
    IndexableField[] stored = document.getFields(EventSchema.EVENT);
    List<LogEvent> events = new ArrayList<>(stored.length);
    for (IndexableField field : stored) {
      BytesRef bytes = field.binaryValue();
      events.add(EventCodec.decode(bytes.bytes, bytes.offset, bytes.length));
    }
    return events;
  }

  @Override
  public Map<String, List<LogEvent>> eventsByKey(Collection<String> keys) throws IOException {
    Map<String, List<LogEvent>> byKey = new LinkedHashMap<>();
    keys.forEach(key -> byKey.put(key, new ArrayList<>()));
    for (StoredEvent stored : eventsOf(keys)) {
      byKey.get(stored.key()).add(stored.event());
    }
    return byKey;
  }

  /**
   * Hands every message to {@code visitor}, one at a time, with all its events (in no particular order), in the order
   * of the keys' terms. Only one message's events are in memory at a time, so a pass over the whole index (stats)
   * needs memory for the largest message, not for the index.
   */
  @Override
  public void forEachMessage(BiConsumer<String, List<LogEvent>> visitor) throws IOException {
    if (reader == null) {
      return;
    }
    Terms keys = MultiTerms.getTerms(reader, EventSchema.KEY);
    if (keys == null) {
      return;
    }
    Bits live = MultiBits.getLiveDocs(reader);
    StoredFields fields = reader.storedFields();
    Set<String> eventOnly = Set.of(EventSchema.EVENT);
    TermsEnum terms = keys.iterator();
    PostingsEnum docs = null;
    for (BytesRef key = terms.next(); key != null; key = terms.next()) {
      docs = terms.postings(docs, PostingsEnum.NONE);
      List<LogEvent> events = new ArrayList<>();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (live == null || live.get(doc)) {
          events.addAll(eventsIn(fields.document(doc, eventOnly)));
        }
      }
      if (!events.isEmpty()) {
        visitor.accept(key.utf8ToString(), events);
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (reader != null && hold == ReaderHold.OWNED) {
      reader.close();
    } else if (reader != null && hold == ReaderHold.REFERENCED) {
      reader.decRef();
    }
    if (directory != null) {
      directory.close();
    }
  }
}
