package org.smtptrail.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.Discarded;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.Expired;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.MessageIdentified;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Probed;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Received;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.Relay;
import org.smtptrail.core.event.Removed;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.core.smtp.SmtpReply;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.EventIndex;
import org.smtptrail.engine.index.EventSchema;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.StoredEvent;

/** {@link EventCodec}: every event kind survives the compact form, and events stored as JSON are still read. */
class EventCodecTest {
  private static final String FILE = "/var/log/mail.log";
  private static final String DELIVERY_LINE = "Nov 23 00:01:21 mx1 postfix/smtp[41230]: 3F2A81C0D2: "
      + "to=<john@example.net>, orig_to=<j@example.net>, relay=mx.example.net[203.0.113.7]:25, delay=1.2, "
      + "delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4XyZ)";

  @TempDir Path temp;

  @Test
  void everyEventKindRoundTrips() {
    List<LogEvent> events = samples();
    assertThat(events.stream().map(Object::getClass).collect(Collectors.toSet()))
        .as("the samples cover every kind of the sealed interface")
        .isEqualTo(Set.copyOf(Arrays.asList(LogEvent.class.getPermittedSubclasses())));
    for (LogEvent event : events) {
      byte[] stored = EventCodec.encode(event);
      assertThat(stored[0]).as("compact marker of %s", event).isEqualTo(CompactEventEncoder.VERSION);
      assertThat(EventCodec.decode(stored, 0, stored.length)).as("%s", event).isEqualTo(event);
    }
  }

  @Test
  void textBeyondAsciiRoundTripsAsUtf8() {
    String line = "Nov 23 00:01:21 mx1 postfix/smtp[41230]: 3F2A81C0D2: to=<jürgen@例え.jp>, status=bounced "
        + "(550 5.1.1 Benutzer unbekannt \uD83D\uDCE7)";
    SourceLine source = new SourceLine("/var/log/maillog-Überlauf", 7, 700, line);
    EventHeader header = new EventHeader(source, Instant.parse("2026-11-23T00:01:21Z"), "mx1", "postfix",
        "postfix/smtp", "3F2A81C0D2");
    LogEvent event = new Observation(header, "jürgen@例え.jp", "not in the line: größer ✓");
    byte[] stored = EventCodec.encode(event);
    assertThat(EventCodec.decode(stored, 0, stored.length)).isEqualTo(event);
  }

  @Test
  void eventsStoredAsJsonByOlderIndexesAreStillRead() throws IOException {
    for (LogEvent event : samples()) {
      byte[] json = JsonEvents.encode(event);
      assertThat(json[0]).isEqualTo((byte) '{');
      assertThat(EventCodec.decode(json, 0, json.length)).as("%s", event).isEqualTo(event);
    }
  }

  @Test
  void aPieceOfTheLineIsStoredAsAReferenceSoTheCompactFormIsAFractionOfTheJson() throws IOException {
    LogEvent delivery = samples().stream().filter(e -> e.header().source().text().equals(DELIVERY_LINE))
        .findFirst().orElseThrow();
    byte[] compact = EventCodec.encode(delivery);
    byte[] json = JsonEvents.encode(delivery);
    // the line once, plus the file name and a few bytes per field; JSON repeats every field's text
    assertThat(compact.length).isLessThan(DELIVERY_LINE.length() + FILE.length() + 90);
    assertThat(compact.length * 2).isLessThan(json.length);
  }

  @Test
  void aDamagedEventIsAnErrorThatSaysSo() {
    byte[] stored = EventCodec.encode(samples().get(0));
    for (int cut = 1; cut < stored.length; cut++) {
      int length = cut;
      assertThatThrownBy(() -> EventCodec.decode(stored, 0, length)).as("cut at %d", cut)
          .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot decode a stored event");
    }
    byte[] unknownTag = stored.clone();
    unknownTag[1] = 99;
    assertThatThrownBy(() -> EventCodec.decode(unknownTag, 0, unknownTag.length))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void anIndexHoldingBothFormsReadsEveryEvent() throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("data")).create();
    List<LogEvent> events = samples();
    try (Directory directory = FSDirectory.open(data.index());
        IndexWriter writer = new IndexWriter(directory,
            new IndexWriterConfig().setIndexSort(EventIndex.TIME_DESCENDING))) {
      for (int i = 0; i < events.size(); i++) {
        // the first half as an index of before issue 15 wrote them, committed as its own segment
        byte[] stored = i < events.size() / 2 ? JsonEvents.encode(events.get(i)) : EventCodec.encode(events.get(i));
        Document doc = new Document();
        doc.add(new StringField(EventSchema.KEY, "k" + i, Field.Store.YES));
        doc.add(new LongPoint(EventSchema.TIME, i));
        doc.add(new NumericDocValuesField(EventSchema.TIME, i));
        doc.add(new StoredField(EventSchema.EVENT, stored));
        writer.addDocument(doc);
        if (i == events.size() / 2 - 1) {
          writer.commit();
        }
      }
      writer.commit();
    }
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      keys.add("k" + i);
    }
    try (EventStore store = EventStore.open(data)) {
      assertThat(store.eventsOf(keys)).extracting(StoredEvent::event).containsExactlyInAnyOrderElementsOf(events);
    }
  }

  /** One event of every kind, with fields set and with nullable fields null, in and out of the line's text. */
  private static List<LogEvent> samples() {
    Instant time = Instant.parse("2026-11-23T00:01:21.123456789Z");
    EventHeader delivery = header(DELIVERY_LINE, time, "3F2A81C0D2");
    String rejectLine = "Nov 23 00:01:22 mx1 postfix/smtpd[1]: NOQUEUE: reject: RCPT from c.example.org"
        + "[198.51.100.2]: 550 5.1.1 <nobody@example.net>: Recipient address rejected; from=<> to=<nobody@example.net>";
    EventHeader reject = header(rejectLine, time, null);
    EventHeader plain = header("Nov 23 00:01:23 mx1 postfix/qmgr[2]: 3F2A81C0D2: removed", time, "3F2A81C0D2");
    // not UTF-8 clean in spirit: accents, a non-BMP character, and fields that are not pieces of the line
    EventHeader accented = new EventHeader(new SourceLine("/tmp/journal é.log", 7, 4096,
        "2026-11-23T00:01:24+01:00 hôte axigen[9]: SMTP-IN-1 émoji 😀 réponse"), null, "hôte", "axigen",
        null, "SMTP-IN-1");
    EventHeader negative = new EventHeader(new SourceLine(FILE, 1, 0, "x"),
        Instant.parse("1969-12-31T23:59:59.5Z"), null, "postfix", "postfix/x", "");
    return List.of(
        new Received(plain, "c.example.org[198.51.100.2]", "mary"),
        new Received(negative, "local", null),
        new MessageIdentified(plain, "<1.corpus@example.com>"),
        new Queued(plain, "mary@example.com", 4711, 3),
        new Queued(negative, "", -1, -1),
        new DeliveryAttempt(delivery, "john@example.net", "j@example.net", DeliveryStatus.SENT, false,
            new Relay("mx.example.net", "203.0.113.7", 25), new SmtpReply(250, "2.0.0",
                "250 2.0.0 Ok: queued as 4XyZ"), "250 2.0.0 Ok: queued as 4XyZ", 1.2),
        new DeliveryAttempt(plain, "box@example.com", null, DeliveryStatus.DEFERRED, true,
            new Relay("local", null, -1), new SmtpReply(0, "4.2.2", null), null, -1),
        new DeliveryAttempt(accented, "rené@exemple.fr", null, DeliveryStatus.BOUNCED, false, null, null,
            "réponse refusée", Double.NaN),
        new DeliveryAttempt(negative, "a@b", null, DeliveryStatus.EXPIRED, false, null, null, null, 0.0),
        new Rejected(reject, "nobody@example.net", "", "c.example.org[198.51.100.2]", "RCPT",
            new SmtpReply(550, "5.1.1", "550 5.1.1 <nobody@example.net>: Recipient address rejected")),
        new Rejected(negative, null, null, null, "DATA", null),
        new Discarded(delivery, "john@example.net", "j@example.net", null, null, "the discard(8) transport",
            "blackhole.example.net"),
        new Discarded(accented, null, null, "", "local", "a body_checks DISCARD rule", "body réponse"),
        new Discarded(negative, null, null, null, null, null, null),
        new Expired(plain, "mary@example.com"),
        new Linked(plain, null, "4B3C2D1E0F", LinkReason.NON_DELIVERY_NOTICE),
        new Linked(accented, "rené@exemple.fr", "SMTP-OUT-2", LinkReason.SAME_MESSAGE),
        new Removed(plain, false),
        new Removed(negative, true),
        new Observation(accented, "rené@exemple.fr", "250 2.1.5 Ok", new Relay("198.51.100.25", null, -1)),
        new Observation(accented, "rené@exemple.fr", "RCPT TO:<rené@exemple.fr>"),
        new Observation(plain, null, "connected to 192.0.2.7"),
        new Unparsed(accented, "a syslog line: timestamp, host, program[pid]: text"),
        new Probed(delivery, "john@example.net", true, new Relay("mx.example.net", "203.0.113.7", 25),
            new SmtpReply(250, "2.1.5", "250 2.1.5 Ok"), "250 2.1.5 Ok"),
        new Probed(negative, "a@b", false, null, null, null));
  }

  private static EventHeader header(String text, Instant time, String localId) {
    return new EventHeader(new SourceLine(FILE, 42, 123_456_789_012L, text), time, "mx1", "postfix",
        "postfix/smtp", localId);
  }
}
