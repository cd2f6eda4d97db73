package org.smtptrail.engine.verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.engine.store.RowFacts;

/**
 * The stored rows of one message: the {@link VerdictEngine}'s rows as they stand on this message's own events (no
 * forward or journey followed: those join other messages, at query time), with what finds them and what
 * {@code stats} counts. Built at ingest for every message an event changed, and by the rebuild of an old index.
 */
public final class MessageRows {
  /** Up to this many rows, {@link #firstOfSameValue} compares pairwise instead of hashing. */
  private static final int PAIRWISE_UP_TO = 16;

  private MessageRows() {}

  /** The rows of the message filed under {@code key}; none when it has no events. */
  public static List<RowFacts> of(String key, List<LogEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    List<LogEvent> chronological = new ArrayList<>(events);
    chronological.sort(VerdictEngine.CHRONOLOGICAL);
    List<DeliveryRow> rows = VerdictEngine.rowsWithoutEvidence(key, chronological);
    MessageFacts facts = MessageFacts.of(chronological);
    Map<String, Set<String>> addresses = new HashMap<>();
    for (LogEvent event : chronological) {
      String recipient = MailAddresses.normalize(event.recipient());
      if (recipient != null && !recipient.isEmpty()) {
        Set<String> known = addresses.computeIfAbsent(recipient, r -> new LinkedHashSet<>(List.of(r)));
        if (event instanceof DeliveryAttempt attempt && attempt.originalRecipient() != null) {
          known.add(MailAddresses.normalize(attempt.originalRecipient()));
        }
      }
    }
    long[] deferrals = new long[rows.size()];
    long messageLastMin = Long.MAX_VALUE;
    boolean anyForwarded = false;
    for (int i = 0; i < rows.size(); i++) {
      deferrals[i] = facts.deferrals(rows.get(i).recipient());
      messageLastMin = Math.min(messageLastMin, millis(rows.get(i).lastEvent()));
      anyForwarded |= rows.get(i).forwardedAs() != null;
    }
    int[] flags = flags(rows, deferrals, anyForwarded);
    List<RowFacts> stored = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      DeliveryRow row = rows.get(i);
      String recipient = MailAddresses.normalize(row.recipient());
      stored.add(new RowFacts(
          key,
          recipient == null || recipient.isEmpty() ? Set.of() : addresses.getOrDefault(recipient, Set.of(recipient)),
          MailAddresses.normalize(row.sender()),
          row.verdict(),
          row.forwardedAs() != null,
          millis(row.firstSeen()),
          millis(row.lastEvent()),
          messageLastMin,
          row.attempts(),
          deferrals[i],
          facts.size(),
          facts.received(),
          flags[i],
          StatsGroup.domain.keyOf(row),
          StatsGroup.relay.keyOf(row),
          StatsGroup.category.keyOf(row),
          StatsGroup.host.keyOf(row),
          row.format()));
    }
    return stored;
  }

  /**
   * Which row counts the message once, overall and per group, as stats (the query layer's {@code StatsSearcher})
   * counts a message from its events when all its rows are in the range.
   */
  private static int[] flags(List<DeliveryRow> rows, long[] deferrals, boolean anyForwarded) {
    int[] flags = new int[rows.size()];
    boolean messageDeferred = false;
    for (long d : deferrals) {
      messageDeferred |= d > 0;
    }
    String[] values = new String[rows.size()];
    for (StatsGroup group : StatsGroup.values()) {
      for (int i = 0; i < values.length; i++) {
        values[i] = group.keyOf(rows.get(i));
      }
      int[] firstOfGroup = firstOfSameValue(values);
      for (int i = 0; i < rows.size(); i++) {
        if (firstOfGroup[i] == i) {
          flags[i] |= StatsFlags.firstInGroup(group);
        }
        if (deferrals[i] > 0) {
          flags[firstOfGroup[i]] |= StatsFlags.groupDeferred(group);
        }
      }
    }
    if (!rows.isEmpty()) {
      flags[0] |= StatsFlags.FIRST_OF_MESSAGE | (messageDeferred ? StatsFlags.MESSAGE_DEFERRED : 0);
    }
    if (anyForwarded) {
      for (int i = 0; i < flags.length; i++) {
        flags[i] |= StatsFlags.COUNT_FROM_EVENTS;
      }
    }
    return flags;
  }

  /**
   * For each value, the index of its first occurrence. Most messages have one to a few rows, so those are compared
   * pairwise: two hash maps per group for every message were a sixth of what the stored rows allocated at ingest.
   */
  static int[] firstOfSameValue(String[] values) {
    int[] first = new int[values.length];
    if (values.length > PAIRWISE_UP_TO) {
      Map<String, Integer> firstIndex = new HashMap<>();
      for (int i = 0; i < values.length; i++) {
        Integer known = firstIndex.putIfAbsent(values[i], i);
        first[i] = known == null ? i : known;
      }
      return first;
    }
    for (int i = 0; i < values.length; i++) {
      int j = 0;
      while (!Objects.equals(values[j], values[i])) {
        j++;
      }
      first[i] = j;
    }
    return first;
  }

  private static long millis(Instant time) {
    return time == null ? Long.MIN_VALUE : time.toEpochMilli();
  }
}
