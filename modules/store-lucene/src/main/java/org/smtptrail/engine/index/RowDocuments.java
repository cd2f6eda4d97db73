package org.smtptrail.engine.index;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.store.RowFacts;

/**
 * Builds the Lucene document of a stored verdict row ({@link RowSchema}). Its own times are doc values only, no
 * points: a row is written again whenever its message changes, and a time range on rows is checked on the doc values
 * of the rows the other filters leave (or, alone, in one pass over the rows' doc values).
 *
 * <p>A row has no local-id and no Message-ID terms (rows of before issue 15's last step had): a search by id finds its
 * few messages through the events' terms, then their rows by key ({@code TraceSearcher.rowCandidates}). Those were
 * 1.5 M postings of 0.96 M distinct terms on the issue 15 corpus, written to be read by one kind of query. Terms are
 * handed to Lucene as UTF-8 bytes, as in {@link EventDocuments}.
 */
public final class RowDocuments {
  private static final BytesRef ROW = new BytesRef(RowSchema.ROW);
  private static final BytesRef[] VERDICTS =
      Arrays.stream(Verdict.values()).map(verdict -> new BytesRef(verdict.name())).toArray(BytesRef[]::new);

  private RowDocuments() {}

  public static Document toDocument(RowFacts row) {
    Document doc = new Document();
    doc.add(new StringField(RowSchema.TYPE, ROW, Field.Store.NO));
    // not stored: every reader of a row's key takes its doc value (rows written before stored it too)
    BytesRef key = EventDocuments.utf8(row.key());
    doc.add(new StringField(RowSchema.KEY, key, Field.Store.NO));
    doc.add(new SortedDocValuesField(RowSchema.KEY, key));
    for (String address : row.addresses()) {
      byte[] bytes = address.getBytes(StandardCharsets.UTF_8);
      doc.add(new StringField(RowSchema.ADDRESS, new BytesRef(bytes), Field.Store.NO));
      EventDocuments.addDomainAndParents(doc, RowSchema.ADDRESS_DOMAIN, bytes);
    }
    if (row.sender() != null) {
      doc.add(new StringField(RowSchema.SENDER, EventDocuments.utf8(row.sender()), Field.Store.NO));
    }
    BytesRef verdict = VERDICTS[row.verdict().ordinal()];
    doc.add(new StringField(RowSchema.VERDICT, verdict, Field.Store.NO));
    doc.add(new SortedDocValuesField(RowSchema.VERDICT, verdict));
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
    doc.add(new SortedDocValuesField(RowSchema.GROUP_DOMAIN, EventDocuments.utf8(row.groupDomain())));
    doc.add(new SortedDocValuesField(RowSchema.GROUP_RELAY, EventDocuments.utf8(row.groupRelay())));
    doc.add(new SortedDocValuesField(RowSchema.GROUP_CATEGORY, EventDocuments.utf8(row.groupCategory())));
    doc.add(new SortedDocValuesField(RowSchema.GROUP_HOST, EventDocuments.utf8(row.groupHost())));
    if (row.format() != null) {
      doc.add(new SortedDocValuesField(RowSchema.FORMAT, EventDocuments.utf8(row.format())));
    }
    return doc;
  }
}
