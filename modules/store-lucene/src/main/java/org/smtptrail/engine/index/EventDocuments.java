package org.smtptrail.engine.index;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.Discarded;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.Expired;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.MessageIdentified;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Probed;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Received;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.Removed;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.engine.store.EventCodec;
import org.smtptrail.engine.store.FileWrites;
import org.smtptrail.engine.store.StoreWrite;

/**
 * Builds the Lucene documents of one file's events: the searchable terms of each kind plus the whole event, stored.
 * One instance per file, used by one thread.
 *
 * <p>Terms are handed to Lucene as bytes: a {@code String} term is converted to UTF-8 by Lucene character by
 * character, which was the larger part of building a document (benchmarks/RESULTS.md). The file id, the format, the
 * kind and (usually) the host are the same for many events and converted once; an address's domains are slices of
 * the address's own bytes.
 */
public final class EventDocuments implements FileWrites {
  /** Each event kind's number, and (at that index) its term: a document has each kind's term once. */
  private static final Map<Class<?>, Integer> KIND_ORDER = kindOrder();
  private static final List<BytesRef> KIND_TERMS = kindTerms();
  /**
   * The kinds a query looks for by term: hop candidates are documents with a delivery attempt
   * ({@code HopCandidates}), unparsed lines are counted ({@link LiveIndex}), and so are address-verification probes
   * ({@code StatsSearcher}). The terms of the other kinds were never read: 1.8 M of the 15 M postings of the issue 15
   * corpus.
   */
  private static final Set<Class<?>> QUERIED_KINDS = Set.of(DeliveryAttempt.class, Unparsed.class, Probed.class);

  private final BytesRef fileId;
  private String lastHost;
  private BytesRef lastHostTerm;

  /** @param fileId the content fingerprint of the file the events are read from */
  public EventDocuments(String fileId) {
    this.fileId = utf8(fileId);
  }

  private static Map<Class<?>, Integer> kindOrder() {
    Map<Class<?>, Integer> order = new HashMap<>();
    Class<?>[] kinds = LogEvent.class.getPermittedSubclasses();
    for (int i = 0; i < kinds.length; i++) {
      order.put(kinds[i], i);
    }
    return Map.copyOf(order);
  }

  private static List<BytesRef> kindTerms() {
    return Arrays.stream(LogEvent.class.getPermittedSubclasses()).map(kind -> utf8(kind.getSimpleName())).toList();
  }

  @Override
  public StoreWrite events(String key, List<LogEvent> events) {
    return new LuceneWrite.AddEvents(toDocument(key, events));
  }

  /**
   * The document of one event.
   *
   * @param key the correlated message key, or null for events that belong to no message
   */
  public Document toDocument(String key, LogEvent event) {
    return toDocument(key, List.of(event));
  }

  /**
   * One document for events of one message read from this file: the terms of every event, each event stored. A
   * Lucene document costs per document and per field more than per byte, and a message has several events, so
   * batching a message's events into one document is most of what makes indexing cheaper (benchmarks/RESULTS.md,
   * issue 15). Readers treat a document with one event (every document of older indexes) the same way.
   *
   * <p>Its {@link EventSchema#OFFSET} is the last event's (a resumed read deletes a document with any event at or
   * after its checkpoint, see {@link EventIndex#deleteFrom}); {@link EventSchema#TIME} has every event's time as a
   * point and the latest as the doc value the index sorts by; {@link EventSchema#FIRST_TIME} and
   * {@link EventSchema#EVENTS} are there only when the document holds more than one event.
   *
   * @param key the correlated message key, or null for an event that belongs to no message (then one event)
   */
  public Document toDocument(String key, List<LogEvent> events) {
    Document doc = new Document();
    doc.add(new StringField(EventSchema.FILE_ID, fileId, Field.Store.NO));
    if (key != null) {
      // indexed from bytes, stored as text (a stored BytesRef would read back as binary, not as the key string)
      doc.add(new StringField(EventSchema.KEY, utf8(key), Field.Store.NO));
      doc.add(new StoredField(EventSchema.KEY, key));
    }
    long lastOffset = Long.MIN_VALUE;
    long firstMillis = Long.MAX_VALUE;
    long lastMillis = Long.MIN_VALUE;
    long previousMillis = 0;
    String previousLocalId = null;
    int kinds = 0;
    for (int i = 0; i < events.size(); i++) {
      LogEvent event = events.get(i);
      EventHeader header = event.header();
      lastOffset = Math.max(lastOffset, header.source().byteOffset());
      String localId = header.localId();
      if (localId != null && !localId.equals(previousLocalId)) {
        doc.add(new StringField(EventSchema.LOCAL_ID, lowerCaseUtf8(localId), Field.Store.NO));
        previousLocalId = localId;
      }
      long millis = header.time() == null ? Long.MIN_VALUE : header.time().toEpochMilli();
      if (i == 0 || millis != previousMillis) {
        doc.add(new LongPoint(EventSchema.TIME, millis));
        previousMillis = millis;
      }
      firstMillis = Math.min(firstMillis, millis);
      lastMillis = Math.max(lastMillis, millis);
      int kind = KIND_ORDER.get(event.getClass());
      if ((kinds & 1 << kind) == 0) {
        kinds |= 1 << kind;
        if (QUERIED_KINDS.contains(event.getClass())) {
          doc.add(new StringField(EventSchema.KIND, KIND_TERMS.get(kind), Field.Store.NO));
        }
      }
      if (header.host() != null && (i == 0 || !header.host().equals(events.get(i - 1).header().host()))) {
        doc.add(new StringField(EventSchema.HOST, hostTerm(header.host()), Field.Store.NO));
      }
      addKindTerms(doc, event);
      doc.add(new StoredField(EventSchema.EVENT, EventCodec.encode(event)));
    }
    doc.add(new LongPoint(EventSchema.OFFSET, lastOffset));
    doc.add(new NumericDocValuesField(EventSchema.TIME, lastMillis));
    if (events.size() > 1) {
      doc.add(new NumericDocValuesField(EventSchema.EVENTS, events.size()));
      if (firstMillis < lastMillis) {
        doc.add(new NumericDocValuesField(EventSchema.FIRST_TIME, firstMillis));
      }
    }
    return doc;
  }

  private BytesRef hostTerm(String host) {
    if (!host.equals(lastHost)) {
      lastHost = host;
      lastHostTerm = lowerCaseUtf8(host);
    }
    return lastHostTerm;
  }

  private static void addKindTerms(Document doc, LogEvent event) {
    switch (event) {
      case DeliveryAttempt d -> {
        addRecipient(doc, d.recipient());
        addRecipient(doc, d.originalRecipient());
      }
      case Rejected r -> {
        addRecipient(doc, r.recipient());
        addSender(doc, r.sender());
      }
      case Discarded d -> {
        addRecipient(doc, d.recipient());
        addRecipient(doc, d.originalRecipient());
        addSender(doc, d.sender());
      }
      case Queued q -> addSender(doc, q.sender());
      case Expired x -> addSender(doc, x.sender());
      case MessageIdentified m -> {
        String id = MailAddresses.normalizeMessageId(m.messageId());
        if (id != null && !id.isEmpty()) {
          doc.add(new StringField(EventSchema.MESSAGE_ID, utf8(id), Field.Store.NO));
        }
      }
      case Linked l -> addRecipient(doc, l.recipient());
      case Observation o -> addRecipient(doc, o.recipient());
      case Probed p -> {} // a probe is no delivery: its address does not find it
      case Received r -> {}
      case Removed r -> {}
      case Unparsed u -> {}
    }
  }

  /** The normalized recipient, and its domain and every parent domain ("a@mx.example.net": mx.example.net, ...). */
  private static void addRecipient(Document doc, String address) {
    String normalized = MailAddresses.normalize(address);
    if (normalized == null || normalized.isEmpty()) {
      return;
    }
    byte[] bytes = normalized.getBytes(StandardCharsets.UTF_8);
    doc.add(new StringField(EventSchema.RECIPIENT, new BytesRef(bytes), Field.Store.NO));
    addDomainAndParents(doc, EventSchema.RECIPIENT_DOMAIN, bytes);
  }

  /**
   * Adds the domain of a normalized address (its UTF-8 bytes) and each of its parents, so "example.net" finds
   * "mx.example.net".
   */
  static void addDomainAndParents(Document doc, String field, byte[] bytes) {
    int at = lastIndexOf(bytes, (byte) '@');
    if (at < 0) {
      return;
    }
    // '@' and '.' are ASCII, so they are found in UTF-8 bytes as in the text, and every slice is valid UTF-8
    for (int domain = at + 1; domain < bytes.length; ) {
      doc.add(new StringField(field, new BytesRef(bytes, domain, bytes.length - domain), Field.Store.NO));
      int dot = indexOf(bytes, (byte) '.', domain);
      if (dot < 0) {
        break;
      }
      domain = dot + 1;
    }
  }

  private static void addSender(Document doc, String address) {
    String normalized = MailAddresses.normalize(address);
    if (normalized != null) {
      doc.add(new StringField(EventSchema.SENDER, utf8(normalized), Field.Store.NO));
    }
  }

  static BytesRef utf8(String text) {
    return new BytesRef(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The UTF-8 bytes of {@code text.toLowerCase(Locale.ROOT)}, lowered in place when the text is ASCII. */
  static BytesRef lowerCaseUtf8(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length != text.length()) { // some character took more than one byte: not ASCII
      return utf8(text.toLowerCase(Locale.ROOT));
    }
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b >= 'A' && b <= 'Z') {
        bytes[i] = (byte) (b + ('a' - 'A'));
      }
    }
    return new BytesRef(bytes);
  }

  private static int lastIndexOf(byte[] bytes, byte wanted) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
