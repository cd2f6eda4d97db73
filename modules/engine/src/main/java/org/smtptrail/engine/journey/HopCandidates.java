package org.smtptrail.engine.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.MessageIdentified;
import org.smtptrail.engine.store.AttemptWindow;
import org.smtptrail.engine.store.StoreReader;

/**
 * Where {@link Journeys} looks for the messages next to a row of a recipient: the index (a question at a time, or a
 * page of rows' questions at once), or, for a trace of exactly one recipient, the messages that trace has already
 * read. Both answer with at least the messages asked for;
 * {@link Journeys} then checks every candidate the same way, so a message that is not one costs time, not answers.
 */
public sealed interface HopCandidates {
  /**
   * The messages with a delivery attempt to {@code recipient} (as recipient or original recipient, normalized)
   * logged between the two times, epoch milliseconds, both included; from the index also some that only have
   * another event in that time (an index document holds several events of a message).
   */
  Set<String> attemptsNearby(String recipient, long fromMillis, long toMillis);

  /**
   * The messages that may continue a row of {@code recipient} (normalized): those with this local id (queue id,
   * LCID; lower case) or this Message-ID (normalized); either may be null.
   */
  Set<String> sharingIds(String recipient, String localId, String messageId);

  /**
   * The questions about many rows at once ({@link Journeys#firstQuestions}): windows of attempts nearby, and the local
   * ids and Message-IDs (normalized) of the messages that may continue them.
   */
  record Questions(Set<AttemptWindow> windows, Set<String> localIds, Set<String> messageIds) {}

  /**
   * Asks the index: a search per question. Its terms and times are those of a document, which may hold several events
   * of one message, so a message whose attempt to the recipient is outside the window is among the answers when
   * another of its events in that document is inside.
   */
  record InIndex(StoreReader store) implements HopCandidates {
    /** A busy recipient gets many messages; events beyond this many within one window are not looked at. */
    static final int MAX_CANDIDATE_EVENTS = 200;

    @Override
    public Set<String> attemptsNearby(String recipient, long fromMillis, long toMillis) {
      AttemptWindow window = new AttemptWindow(recipient, fromMillis, toMillis);
      try {
        return store.someKeysWithAttempts(List.of(window), MAX_CANDIDATE_EVENTS).get(window);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Set<String> sharingIds(String recipient, String localId, String messageId) {
      Set<String> keys = new LinkedHashSet<>();
      try {
        if (localId != null) {
          keys.addAll(store.someKeysWithLocalIds(List.of(localId), MAX_CANDIDATE_EVENTS).get(localId));
        }
        if (messageId != null) {
          keys.addAll(store.someKeysWithMessageIds(List.of(messageId), MAX_CANDIDATE_EVENTS).get(messageId));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return keys;
    }
  }

  /**
   * Asks the index too, but a page of rows' questions at once ({@link #askAhead}): a few searches a page instead of
   * two or three a row, what a trace of many rows over a remote store spends its time on. The answers are the
   * index's, kept until the next page; a question not asked ahead (a journey's second hop) is asked on its own.
   */
  final class AskedAhead implements HopCandidates {
    private final StoreReader store;
    private final InIndex index;
    private Map<AttemptWindow, Set<String>> attempts = Map.of();
    private Map<String, Set<String>> byLocalId = Map.of();
    private Map<String, Set<String>> byMessageId = Map.of();

    public AskedAhead(StoreReader store) {
      this.store = store;
      this.index = new InIndex(store);
    }

    /** Asks these questions, forgetting the answers to the page before; returns every key answered. */
    public Set<String> askAhead(Questions questions) {
      try {
        attempts = store.someKeysWithAttempts(questions.windows(), InIndex.MAX_CANDIDATE_EVENTS);
        byLocalId = store.someKeysWithLocalIds(questions.localIds(), InIndex.MAX_CANDIDATE_EVENTS);
        byMessageId = store.someKeysWithMessageIds(questions.messageIds(), InIndex.MAX_CANDIDATE_EVENTS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Set<String> keys = new LinkedHashSet<>();
      attempts.values().forEach(keys::addAll);
      byLocalId.values().forEach(keys::addAll);
      byMessageId.values().forEach(keys::addAll);
      return keys;
    }

    @Override
    public Set<String> attemptsNearby(String recipient, long fromMillis, long toMillis) {
      Set<String> known = attempts.get(new AttemptWindow(recipient, fromMillis, toMillis));
      return known != null ? known : index.attemptsNearby(recipient, fromMillis, toMillis);
    }

    /** The keys of the local id, then of the Message-ID, as the index gives them. */
    @Override
    public Set<String> sharingIds(String recipient, String localId, String messageId) {
      Set<String> keys = new LinkedHashSet<>();
      if (localId != null) {
        Set<String> known = byLocalId.get(localId);
        keys.addAll(known != null ? known : index.sharingIds(recipient, localId, null));
      }
      if (messageId != null) {
        Set<String> known = byMessageId.get(messageId);
        keys.addAll(known != null ? known : index.sharingIds(recipient, null, messageId));
      }
      return keys;
    }
  }

  /**
   * Answers from every message that has a row of one recipient, already read by the trace, for that recipient; asks
   * the index for any other (a hop may rewrite the recipient). That is the index's answer without the messages whose
   * attempt is outside the window (the events are at hand, so the answer is exact): a message
   * with a delivery attempt to the recipient (or from it, as original recipient) has a stored row under that
   * address, and so has a message that continues one of its rows, as {@link Journeys} wants a row of the same
   * recipient (or original recipient) on the next message. Lookups of one address thus search the index for no hop.
   */
  public final class AmongKnown implements HopCandidates {
    private final String recipient;
    private final HopCandidates others;
    private final List<Attempt> attempts = new ArrayList<>();
    private final Map<String, Set<String>> byLocalId = new HashMap<>();
    private final Map<String, Set<String>> byMessageId = new HashMap<>();

    private record Attempt(String key, long millis) {}

    /**
     * @param recipient the normalized address every message of {@code messages} has a stored row for, and no other
     *                  message of the index has
     * @param messages  the events of each of those messages, by key, in any order
     * @param others    asked about other recipients
     */
    public AmongKnown(String recipient, Map<String, List<LogEvent>> messages, HopCandidates others) {
      this.recipient = recipient;
      this.others = others;
      messages.forEach((key, events) -> events.forEach(event -> learn(key, event)));
    }

    private void learn(String key, LogEvent event) {
      if (event instanceof DeliveryAttempt attempt && event.header().time() != null
          && (recipient.equals(MailAddresses.normalize(attempt.recipient()))
              || recipient.equals(MailAddresses.normalize(attempt.originalRecipient())))) {
        attempts.add(new Attempt(key, event.header().time().toEpochMilli()));
      }
      if (event.header().localId() != null) {
        byLocalId.computeIfAbsent(event.header().localId().toLowerCase(Locale.ROOT), id -> new LinkedHashSet<>())
            .add(key);
      }
      if (event instanceof MessageIdentified identified) {
        String id = MailAddresses.normalizeMessageId(identified.messageId());
        if (id != null && !id.isEmpty()) {
          byMessageId.computeIfAbsent(id, i -> new LinkedHashSet<>()).add(key);
        }
      }
    }

    @Override
    public Set<String> attemptsNearby(String recipient, long fromMillis, long toMillis) {
      if (!this.recipient.equals(recipient)) {
        return others.attemptsNearby(recipient, fromMillis, toMillis);
      }
      Set<String> keys = new LinkedHashSet<>();
      for (Attempt attempt : attempts) {
        if (attempt.millis() >= fromMillis && attempt.millis() <= toMillis) {
          keys.add(attempt.key());
        }
      }
      return keys;
    }

    @Override
    public Set<String> sharingIds(String recipient, String localId, String messageId) {
      if (!this.recipient.equals(recipient)) {
        return others.sharingIds(recipient, localId, messageId);
      }
      Set<String> keys = new LinkedHashSet<>();
      if (localId != null) {
        keys.addAll(byLocalId.getOrDefault(localId, Set.of()));
      }
      if (messageId != null) {
        keys.addAll(byMessageId.getOrDefault(messageId, Set.of()));
      }
      return keys;
    }
  }
}
