package org.smtptrail.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.MessageIdentified;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.engine.store.EventCodec;

/** {@link EventDocuments}: the terms a query finds an event by, written from bytes, are the normalized texts. */
class EventDocumentsTest {
  @TempDir Path temp;

  @Test
  void eventsAreFoundByNormalizedRecipientEveryParentDomainSenderIdHostQueriedKindAndMessageId() throws IOException {
    EventHeader header = new EventHeader(new SourceLine("/var/log/mail.log", 3, 300, "line"),
        Instant.parse("2026-11-23T00:01:21Z"), "MX1.Example.COM", "postfix", "postfix/smtp", "3F2A81C0D2");
    EventHeader accented = new EventHeader(new SourceLine("/var/log/mail.log", 4, 400, "line"),
        Instant.parse("2026-11-23T00:01:22Z"), "Hôte", "postfix", "postfix/smtpd", "ÉCLAIR");
    List<LogEvent> events = List.of(
        new DeliveryAttempt(header, "<John@MX.Example.NET>", "Alias@Example.ORG", DeliveryStatus.SENT, false, null,
            null, null, -1),
        new Rejected(accented, "René@Exemple.FR", "<Mary@Example.COM>", null, "RCPT", null),
        new MessageIdentified(header, "<Abc.123@Example.com>"));
    EventDocuments documents = new EventDocuments("fingerprint-1");
    try (Directory directory = FSDirectory.open(temp);
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
      for (int i = 0; i < events.size(); i++) {
        writer.addDocument(documents.toDocument("postfix:mx1:K" + i, events.get(i)));
      }
      writer.commit();
    }
    Map<Term, Integer> expected = Map.ofEntries(
        Map.entry(new Term(EventSchema.FILE_ID, "fingerprint-1"), 3),
        Map.entry(new Term(EventSchema.KEY, "postfix:mx1:K1"), 1),
        Map.entry(new Term(EventSchema.LOCAL_ID, "3f2a81c0d2"), 2),
        Map.entry(new Term(EventSchema.LOCAL_ID, "éclair"), 1),
        Map.entry(new Term(EventSchema.HOST, "mx1.example.com"), 2),
        Map.entry(new Term(EventSchema.HOST, "hôte"), 1),
        // older indexes have a "format" term on every event; nothing queried it (rows keep their format)
        Map.entry(new Term("format", "postfix"), 0),
        Map.entry(new Term(EventSchema.KIND, "DeliveryAttempt"), 1),
        // only the kinds a query looks for have a term (HopCandidates, LiveIndex)
        Map.entry(new Term(EventSchema.KIND, "MessageIdentified"), 0),
        Map.entry(new Term(EventSchema.KIND, "Rejected"), 0),
        Map.entry(new Term(EventSchema.RECIPIENT, "john@mx.example.net"), 1),
        Map.entry(new Term(EventSchema.RECIPIENT, "alias@example.org"), 1),
        Map.entry(new Term(EventSchema.RECIPIENT, "rené@exemple.fr"), 1),
        Map.entry(new Term(EventSchema.RECIPIENT_DOMAIN, "mx.example.net"), 1),
        Map.entry(new Term(EventSchema.RECIPIENT_DOMAIN, "example.net"), 1),
        Map.entry(new Term(EventSchema.RECIPIENT_DOMAIN, "net"), 1),
        Map.entry(new Term(EventSchema.RECIPIENT_DOMAIN, "example.org"), 1),
        Map.entry(new Term(EventSchema.RECIPIENT_DOMAIN, "exemple.fr"), 1),
        Map.entry(new Term(EventSchema.RECIPIENT_DOMAIN, "fr"), 1),
        Map.entry(new Term(EventSchema.SENDER, "mary@example.com"), 1),
        Map.entry(new Term(EventSchema.MESSAGE_ID, "Abc.123@Example.com"), 1));
    try (Directory directory = FSDirectory.open(temp); DirectoryReader reader = DirectoryReader.open(directory)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      for (Map.Entry<Term, Integer> term : expected.entrySet()) {
        assertThat(searcher.count(new TermQuery(term.getKey()))).as("%s", term.getKey()).isEqualTo(term.getValue());
      }
      assertThat(searcher.count(new TermQuery(new Term(EventSchema.RECIPIENT_DOMAIN, "com"))))
          .as("a sender's domain is not a recipient domain").isZero();
      Document stored = reader.storedFields().document(0);
      assertThat(stored.get(EventSchema.KEY)).as("the key reads back as text").isEqualTo("postfix:mx1:K0");
      BytesRef event = stored.getBinaryValue(EventSchema.EVENT);
      assertThat(EventCodec.decode(event.bytes, event.offset, event.length)).isEqualTo(events.get(0));
    }
  }

  @Test
  void lowerCasingBytesAgreesWithLowerCasingText() {
    for (String text : List.of("", "ABC", "3F2A81C0D2", "mixed.Case-123_@X", "ÀÉÎ", "İstanbul", "ǅ", "😀A")) {
      assertThat(EventDocuments.lowerCaseUtf8(text).utf8ToString()).as(text)
          .isEqualTo(text.toLowerCase(java.util.Locale.ROOT));
    }
  }
}
