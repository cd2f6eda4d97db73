package org.smtptrail.engine.index;

import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.Expired;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.MessageIdentified;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Received;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.Removed;
import org.smtptrail.core.event.Unparsed;

/** Builds the Lucene document of an event: the searchable terms of its kind plus the whole event, stored. */
public final class EventDocuments {
  private EventDocuments() {}

  /**
   * The document of an event.
   *
   * @param fileId the content fingerprint of the file the event was read from
   * @param key    the correlated message key, or null for events that belong to no message
   */
  public static Document toDocument(String fileId, String key, LogEvent event) {
    Document doc = new Document();
    EventHeader header = event.header();
    doc.add(new StringField(EventSchema.FILE_ID, fileId, Field.Store.NO));
    doc.add(new LongPoint(EventSchema.OFFSET, header.source().byteOffset()));
    if (key != null) {
      doc.add(new StringField(EventSchema.KEY, key, Field.Store.YES));
    }
    if (header.localId() != null) {
      doc.add(new StringField(EventSchema.LOCAL_ID, header.localId().toLowerCase(Locale.ROOT), Field.Store.NO));
    }
    long millis = header.time() == null ? Long.MIN_VALUE : header.time().toEpochMilli();
    doc.add(new LongPoint(EventSchema.TIME, millis));
    doc.add(new NumericDocValuesField(EventSchema.TIME, millis));
    doc.add(new StringField(EventSchema.KIND, event.getClass().getSimpleName(), Field.Store.NO));
    if (header.host() != null) {
      doc.add(new StringField(EventSchema.HOST, header.host().toLowerCase(Locale.ROOT), Field.Store.NO));
    }
    doc.add(new StringField(EventSchema.FORMAT, header.format(), Field.Store.NO));
    addKindTerms(doc, event);
    doc.add(new StoredField(EventSchema.EVENT, EventCodec.encode(event)));
    return doc;
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
      case Queued q -> addSender(doc, q.sender());
      case Expired x -> addSender(doc, x.sender());
      case MessageIdentified m -> {
        String id = MailAddresses.normalizeMessageId(m.messageId());
        if (id != null && !id.isEmpty()) {
          doc.add(new StringField(EventSchema.MESSAGE_ID, id, Field.Store.NO));
        }
      }
      case Linked l -> addRecipient(doc, l.recipient());
      case Observation o -> addRecipient(doc, o.recipient());
      case Received r -> {}
      case Removed r -> {}
      case Unparsed u -> {}
    }
  }

  private static void addRecipient(Document doc, String address) {
    String normalized = MailAddresses.normalize(address);
    if (normalized == null || normalized.isEmpty()) {
      return;
    }
    doc.add(new StringField(EventSchema.RECIPIENT, normalized, Field.Store.NO));
    addDomainAndParents(doc, EventSchema.RECIPIENT_DOMAIN, normalized);
  }

  /** Adds the domain of a normalized address and each of its parents, so "example.net" finds "mx.example.net". */
  static void addDomainAndParents(Document doc, String field, String address) {
    String domain = MailAddresses.domainOf(address);
    while (domain != null && !domain.isEmpty()) {
      doc.add(new StringField(field, domain, Field.Store.NO));
      int dot = domain.indexOf('.');
      domain = dot < 0 ? null : domain.substring(dot + 1);
    }
  }

  private static void addSender(Document doc, String address) {
    String normalized = MailAddresses.normalize(address);
    if (normalized != null) {
      doc.add(new StringField(EventSchema.SENDER, normalized, Field.Store.NO));
    }
  }
}
