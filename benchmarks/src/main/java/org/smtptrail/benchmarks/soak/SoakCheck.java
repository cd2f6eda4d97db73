package org.smtptrail.benchmarks.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.LogFormats;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.engine.store.EventCodec;
import org.smtptrail.engine.index.EventSchema;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.VerdictEngine;

/**
 * What the soak checks at the end, against the corpus it played:
 *
 * <ul>
 *   <li>events: the corpus parsed line by line by the Postfix parser gives every event an uninterrupted reader
 *       makes, each known by the text of its line; the index must hold exactly that multiset (missing = lost,
 *       extra = duplicated), whatever file, rotation or restart each line came through;
 *   <li>verdicts: every (message-id, recipient, verdict) of the corpus' expected.tsv, against the verdict rows
 *       smtptrail computes for every message key in the index.
 * </ul>
 */
final class SoakCheck {
  private SoakCheck() {}

  /** Line-text hashes of every event an uninterrupted parse of the corpus yields, sorted. */
  static long[] expectedEvents(Path corpus) throws IOException {
    LineParser parser = LogFormats.forName("postfix").newParser(
        new ParseContext(corpus.toString(), ZoneOffset.UTC, Instant.now(), null));
    LongList hashes = new LongList();
    EventSink sink = new EventSink() {
      @Override
      public void accept(LogEvent event) {
        hashes.add(hash(event.header().source().text()));
      }

      @Override
      public void skipped(SourceLine line) {}
    };
    try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
      long number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        parser.parse(new SourceLine(corpus.toString(), ++number, 0, line), sink);
      }
    }
    parser.flush(sink);
    return hashes.sorted();
  }

  /** The events of the index, by line-text hash, sorted. */
  static long[] indexedEvents(DirectoryReader reader) throws IOException {
    LongList hashes = new LongList();
    Bits live = MultiBits.getLiveDocs(reader);
    StoredFields fields = reader.storedFields();
    for (int doc = 0; doc < reader.maxDoc(); doc++) {
      if (live == null || live.get(doc)) {
        hashes.add(hash(event(fields, doc).header().source().text()));
      }
    }
    return hashes.sorted();
  }

  /** {lost, duplicated}: the multiset difference of two sorted arrays, each way. */
  static long[] compare(long[] expected, long[] actual) {
    long lost = 0;
    long duplicated = 0;
    int i = 0;
    int j = 0;
    while (i < expected.length || j < actual.length) {
      if (j >= actual.length || i < expected.length && expected[i] < actual[j]) {
        lost++;
        i++;
      } else if (i >= expected.length || actual[j] < expected[i]) {
        duplicated++;
        j++;
      } else {
        i++;
        j++;
      }
    }
    return new long[] {lost, duplicated};
  }

  /** The verdict check's outcome, with a few examples of each kind of mismatch. */
  record Verdicts(long expected, long matched, long missing, long unexpected, List<String> examples) {}

  static Verdicts verdicts(Path expectedTsv, DirectoryReader reader) throws IOException {
    Map<String, Integer> expected = new HashMap<>();
    long expectedRows = 0;
    for (String row : Files.readAllLines(expectedTsv, StandardCharsets.UTF_8)) {
      expected.merge(row, 1, Integer::sum);
      expectedRows++;
    }
    long matched = 0;
    long unexpected = 0;
    List<String> examples = new ArrayList<>();
    Terms keys = MultiTerms.getTerms(reader, EventSchema.KEY);
    if (keys == null) {
      return new Verdicts(expectedRows, 0, expectedRows, 0, List.of("missing: all (the index has no message)"));
    }
    Bits live = MultiBits.getLiveDocs(reader);
    StoredFields fields = reader.storedFields();
    TermsEnum terms = keys.iterator();
    PostingsEnum postings = null;
    for (BytesRef key = terms.next(); key != null; key = terms.next()) {
      List<LogEvent> events = new ArrayList<>();
      postings = terms.postings(postings, PostingsEnum.NONE);
      for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
        if (live == null || live.get(doc)) {
          events.add(event(fields, doc));
        }
      }
      if (events.isEmpty()) {
        continue;
      }
      for (DeliveryRow row : VerdictEngine.rows(key.utf8ToString(), events)) {
        String id = row.messageId() == null ? "-" : row.messageId();
        String found = id + "\t" + row.recipient() + "\t" + row.verdict();
        Integer left = expected.get(found);
        if (left == null) {
          unexpected++;
          if (examples.size() < 10) {
            examples.add("unexpected: " + found + " (" + key.utf8ToString() + ")");
          }
        } else {
          matched++;
          if (left == 1) {
            expected.remove(found);
          } else {
            expected.put(found, left - 1);
          }
        }
      }
    }
    long missing = 0;
    for (Map.Entry<String, Integer> left : expected.entrySet()) {
      missing += left.getValue();
      if (examples.size() < 20) {
        examples.add("missing: " + left.getKey());
      }
    }
    return new Verdicts(expectedRows, matched, missing, unexpected, examples);
  }

  static DirectoryReader open(Path index) throws IOException {
    return DirectoryReader.open(FSDirectory.open(index));
  }

  private static LogEvent event(StoredFields fields, int doc) throws IOException {
    BytesRef json = fields.document(doc).getBinaryValue(EventSchema.EVENT);
    return EventCodec.decode(json.bytes, json.offset, json.length);
  }

  /** FNV-1a, 64 bits, over the UTF-16 units: collisions among ~10^7 distinct lines are negligible. */
  static long hash(String text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** A growable array of longs (millions of them: no boxing). */
  private static final class LongList {
    private long[] values = new long[1 << 16];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    long[] sorted() {
      long[] result = Arrays.copyOf(values, size);
      Arrays.sort(result);
      return result;
    }
  }
}
