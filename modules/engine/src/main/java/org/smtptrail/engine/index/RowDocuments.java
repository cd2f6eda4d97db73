package org.smtptrail.engine.index;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

/**
 * Builds the Lucene document of a stored verdict row ({@link RowSchema}). Its own times are doc values only, no
 * points: a row is written again whenever its message changes, and a time range on rows is checked on the doc values
 * of the rows the other filters leave (or, alone, in one pass over the rows' doc values).
 */
public final class RowDocuments {
  private RowDocuments() {}

  public static Document toDocument(RowFacts row) {
    Document doc = new Document();
    doc.add(new StringField(RowSchema.TYPE, RowSchema.ROW, Field.Store.NO));
    // not stored: every reader of a row's key takes its doc value (rows written before stored it too)
    doc.add(new StringField(RowSchema.KEY, row.key(), Field.Store.NO));
    doc.add(new SortedDocValuesField(RowSchema.KEY, new BytesRef(row.key())));
    for (String localId : row.localIds()) {
      doc.add(new StringField(RowSchema.LOCAL_ID, localId, Field.Store.NO));
    }
    for (String address : row.addresses()) {
      doc.add(new StringField(RowSchema.ADDRESS, address, Field.Store.NO));
      EventDocuments.addDomainAndParents(doc, RowSchema.ADDRESS_DOMAIN, address);
    }
    if (row.sender() != null) {
      doc.add(new StringField(RowSchema.SENDER, row.sender(), Field.Store.NO));
    }
    for (String messageId : row.messageIds()) {
      doc.add(new StringField(RowSchema.MESSAGE_ID, messageId, Field.Store.NO));
    }
    doc.add(new StringField(RowSchema.VERDICT, row.verdict().name(), Field.Store.NO));
    doc.add(new SortedDocValuesField(RowSchema.VERDICT, new BytesRef(row.verdict().name())));
    if (row.forwarded()) {
      doc.add(new StringField(RowSchema.FORWARDED, "1", Field.Store.NO));
    }
    // the time field's points too: Lucene wants one field the same in every document (the events have them)
    doc.add(new LongPoint(EventSchema.TIME, row.lastEvent()));
    doc.add(new NumericDocValuesField(EventSchema.TIME, row.lastEvent()));
    doc.add(new NumericDocValuesField(RowSchema.FIRST_SEEN, row.firstSeen()));
    doc.add(new NumericDocValuesField(RowSchema.MESSAGE_LAST_MIN, row.messageLastMin()));
    doc.add(new NumericDocValuesField(RowSchema.ATTEMPTS, row.attempts()));
    doc.add(new NumericDocValuesField(RowSchema.DEFERRALS, row.deferrals()));
    doc.add(new NumericDocValuesField(RowSchema.SIZE, row.size()));
    doc.add(new NumericDocValuesField(RowSchema.RECEIVED, row.received()));
    doc.add(new NumericDocValuesField(RowSchema.FLAGS, row.flags()));
    doc.add(new SortedDocValuesField(RowSchema.GROUP_DOMAIN, new BytesRef(row.groupDomain())));
    doc.add(new SortedDocValuesField(RowSchema.GROUP_RELAY, new BytesRef(row.groupRelay())));
    doc.add(new SortedDocValuesField(RowSchema.GROUP_CATEGORY, new BytesRef(row.groupCategory())));
    doc.add(new SortedDocValuesField(RowSchema.GROUP_HOST, new BytesRef(row.groupHost())));
    if (row.format() != null) {
      doc.add(new SortedDocValuesField(RowSchema.FORMAT, new BytesRef(row.format())));
    }
    return doc;
  }
}
