package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * Builds the event documents of one file ({@link EventFields}): the same terms as the local store's event documents
 * (engine's {@code EventDocuments}), and each event whole in the same bytes ({@link EventCodec}). One instance per
 * file, used by one thread.
 *
 * <p>A document's id is a digest of the file id, the key and its events' bytes: the same events of the same file
 * written again (a retried bulk, a replay) get the same id; its index is the month of its earliest event.
 */
final class EventSources implements FileWrites {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final IndexNames names;
  private final String fileId;

  EventSources(IndexNames names, String fileId) {
    this.names = names;
    this.fileId = fileId;
  }

  @Override
  public StoreWrite events(String key, List<LogEvent> events) {
    return new OpenSearchWrite.AddEvents(document(key, events));
  }

  /** The document of events of one message read from this file ({@code key} null: one event of no message). */
  OpenSearchWrite.Document document(String key, List<LogEvent> events) {
    ObjectNode doc = NODES.objectNode();
    Terms terms = new Terms();
    List<byte[]> encoded = new ArrayList<>(events.size());
    long lastOffset = Long.MIN_VALUE;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    Set<Long> times = new LinkedHashSet<>();
    String path = null;
    for (LogEvent event : events) {
      EventHeader header = event.header();
      lastOffset = Math.max(lastOffset, header.source().byteOffset());
      if (path == null) {
        path = header.source().file();
      }
      if (header.localId() != null) {
        terms.localIds.add(header.localId().toLowerCase(Locale.ROOT));
      }
      if (header.host() != null) {
        terms.hosts.add(header.host().toLowerCase(Locale.ROOT));
      }
      if (header.time() != null) {
        long millis = header.time().toEpochMilli();
        times.add(millis);
        first = Math.min(first, millis);
        last = Math.max(last, millis);
      }
      terms.kinds.add(event.getClass().getSimpleName());
      terms.add(event);
      encoded.add(EventCodec.encode(event));
    }
    // absent times are left out, never written as a sentinel: a range or a sort then ignores the document
    if (!times.isEmpty()) {
      doc.put(EventFields.TIMESTAMP, last);
      doc.put(EventFields.START, first);
      ArrayNode all = doc.putArray(EventFields.TIMES);
      times.forEach(all::add);
    }
    doc.put(EventFields.EVENT_COUNT, events.size());
    if (key != null) {
      doc.put(EventFields.KEY, key);
    }
    putAll(doc, EventFields.LOCAL_ID, terms.localIds);
    putAll(doc, EventFields.RECIPIENT, terms.recipients);
    putAll(doc, EventFields.RECIPIENT_DOMAIN, terms.domains);
    putAll(doc, EventFields.SENDER, terms.senders);
    putAll(doc, EventFields.MESSAGE_ID, terms.messageIds);
    putAll(doc, EventFields.KIND, terms.kinds);
    putAll(doc, EventFields.HOST, terms.hosts);
    if (path != null) {
      doc.put(EventFields.FILE_PATH, path);
    }
    doc.put(EventFields.FILE_ID, fileId);
    doc.put(EventFields.OFFSET, lastOffset);
    ArrayNode bytes = doc.putArray(EventFields.EVENT);
    encoded.forEach(bytes::add); // Jackson writes byte[] as base64, what a binary field takes
    return new OpenSearchWrite.Document(names.monthly(DocumentKind.EVENTS,
        times.isEmpty() ? DocumentIds.NO_TIME : Instant.ofEpochMilli(first)), id(key, encoded), doc);
  }

  private String id(String key, List<byte[]> encoded) {
    byte[][] parts = new byte[encoded.size() + 2][];
    parts[0] = DocumentIds.utf8(fileId);
    parts[1] = key == null ? new byte[] {0} : DocumentIds.utf8(key); // no key differs from any key, "" included
    for (int i = 0; i < encoded.size(); i++) {
      parts[i + 2] = encoded.get(i);
    }
    return DocumentIds.digest(parts);
  }

  private static void putAll(ObjectNode doc, String field, Set<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = doc.putArray(field);
      values.forEach(array::add);
    }
  }

  /** The distinct terms of a document's events, in the order first seen. */
  private static final class Terms {
    final Set<String> localIds = new LinkedHashSet<>();
    final Set<String> hosts = new LinkedHashSet<>();
    final Set<String> kinds = new LinkedHashSet<>();
    final Set<String> recipients = new LinkedHashSet<>();
    final Set<String> domains = new LinkedHashSet<>();
    final Set<String> senders = new LinkedHashSet<>();
    final Set<String> messageIds = new LinkedHashSet<>();

    /** The terms of one event, as the local store's {@code EventDocuments.addKindTerms}. */
    void add(LogEvent event) {
      switch (event) {
        case DeliveryAttempt d -> {
          recipient(d.recipient());
          recipient(d.originalRecipient());
        }
        case Rejected r -> {
          recipient(r.recipient());
          sender(r.sender());
        }
        case Discarded d -> {
          recipient(d.recipient());
          recipient(d.originalRecipient());
          sender(d.sender());
        }
        case Queued q -> sender(q.sender());
        case Expired x -> sender(x.sender());
        case MessageIdentified m -> {
          String id = MailAddresses.normalizeMessageId(m.messageId());
          if (id != null && !id.isEmpty()) {
            messageIds.add(id);
          }
        }
        case Linked l -> recipient(l.recipient());
        case Observation o -> recipient(o.recipient());
        case Probed p -> {} // a probe is no delivery: its address does not find it
        case Received r -> {}
        case Removed r -> {}
        case Unparsed u -> {}
      }
    }

    private void recipient(String address) {
      String normalized = MailAddresses.normalize(address);
      if (normalized == null || normalized.isEmpty()) {
        return;
      }
      recipients.add(normalized);
      domains.addAll(Domains.andParents(normalized));
    }

    private void sender(String address) {
      String normalized = MailAddresses.normalize(address);
      if (normalized != null) {
        senders.add(normalized);
      }
    }
  }
}
