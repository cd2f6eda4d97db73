package org.smtptrail.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.SampleLogs;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.journey.HopCandidates;
import org.smtptrail.engine.journey.Journeys;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * The messages of one address, read by its trace, answer the journey questions about that address as the index
 * does once its candidates are checked (an index document holds several events, so the index may add some): over the samples of every format (the journey sample's hops included), for every address, at every time any
 * of its rows starts and ends, and for every id its rows name.
 */
class HopCandidatesTest {
  private static final long WINDOW = Journeys.WINDOW.toMillis();

  @TempDir Path temp;

  @Test
  void theMessagesOfOneAddressGiveTheIndexsAnswersAboutThatAddress() throws IOException {
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    new Ingester(data, LocalStore.DEFAULT, IngestListener.NONE).index(SampleLogs.everyFormat());
    try (EventStore store = EventStore.open(data)) {
      List<DeliveryRow> all = new TraceSearcher(store).trace(TraceQuery.all().withLimit(0));
      TreeSet<String> addresses = new TreeSet<>();
      all.forEach(row -> {
        addAddress(addresses, row.recipient());
        addAddress(addresses, row.originalRecipient());
      });
      assertThat(addresses).hasSizeGreaterThan(30);
      HopCandidates index = new HopCandidates.InIndex(store);
      int linkedSomewhere = 0;
      int askedTheIndex = 0;
      for (String address : addresses) {
        Map<String, List<LogEvent>> messages = messagesOf(store, address);
        HopCandidates known = new HopCandidates.AmongKnown(address, messages, index);
        for (DeliveryRow row : all) {
          for (Instant time : new Instant[] {row.firstSeen(), row.lastEvent()}) {
            if (time != null) {
              long from = time.toEpochMilli() - WINDOW;
              long to = time.toEpochMilli() + WINDOW;
              Set<String> fromIndex = index.attemptsNearby(address, from, to);
              assertThat(known.attemptsNearby(address, from, to)).as("%s near %s", address, time)
                  .containsExactlyInAnyOrderElementsOf(withAttempt(store, fromIndex, address, from, to));
            }
          }
          String localId = row.remoteId() == null ? null : row.remoteId().toLowerCase(Locale.ROOT);
          String messageId = MailAddresses.normalizeMessageId(row.messageId());
          Set<String> inIndex = index.sharingIds(address, localId, messageId);
          inIndex.retainAll(messages.keySet());
          assertThat(known.sharingIds(address, localId, messageId)).as("%s sharing ids with %s", address, row.key())
              .containsExactlyInAnyOrderElementsOf(inIndex);
          linkedSomewhere += inIndex.size() > 1 ? 1 : 0;
        }
        String other = addresses.higher(address) == null ? addresses.first() : addresses.higher(address);
        Set<String> othersAttempts = index.attemptsNearby(other, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(known.attemptsNearby(other, Long.MIN_VALUE, Long.MAX_VALUE)).as("%s is the index's question", other)
            .containsExactlyInAnyOrderElementsOf(othersAttempts);
        askedTheIndex += othersAttempts.isEmpty() || messages.keySet().containsAll(othersAttempts) ? 0 : 1;
      }
      assertThat(askedTheIndex).as("answers about another address that only the index has").isPositive();
      assertThat(linkedSomewhere).as("ids shared by two messages of one address (the hops)").isPositive();
    }
  }

  private static void addAddress(Set<String> addresses, String address) {
    String normalized = MailAddresses.normalize(address);
    if (normalized != null && !normalized.isEmpty()) {
      addresses.add(normalized);
    }
  }

  /** Those of these messages that have a delivery attempt to the address between the two times. */
  private static Set<String> withAttempt(EventStore store, Set<String> keys, String address, long from, long to)
      throws IOException {
    Set<String> exact = new TreeSet<>();
    store.eventsByKey(keys).forEach((key, events) -> {
      for (LogEvent event : events) {
        if (event instanceof DeliveryAttempt attempt && event.header().time() != null
            && event.header().time().toEpochMilli() >= from && event.header().time().toEpochMilli() <= to
            && (address.equals(MailAddresses.normalize(attempt.recipient()))
                || address.equals(MailAddresses.normalize(attempt.originalRecipient())))) {
          exact.add(key);
        }
      }
    });
    return exact;
  }

  /** What the trace of one address reads: the messages of its stored rows, with all their events. */
  private static Map<String, List<LogEvent>> messagesOf(EventStore store, String address) throws IOException {
    List<String> keys = new ArrayList<>();
    store.visitRowKeys(TraceSearcher.rowCandidates(TraceQuery.all().withTo(address), null), keys::add);
    return store.eventsByKey(keys);
  }
}
