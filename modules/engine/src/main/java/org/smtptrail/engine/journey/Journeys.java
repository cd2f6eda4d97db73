package org.smtptrail.engine.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.store.AttemptWindow;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.HopLink;

/**
 * Joins the rows of one recipient across our servers into one journey, at query time: a row handed over to a server
 * whose log is indexed too continues there. The journey of a row is found from any of its hops (a query that finds
 * the second server's message shows the whole journey, once).
 *
 * <p>A server's row continues on another message (a different key) when all of these hold (see {@link #link}):
 * <ul>
 *   <li>it was handed over, and the other message has a row for the same recipient (or original recipient);
 *   <li>the other message started within {@link #WINDOW} of this row's time span (clocks of two servers differ a bit);
 *   <li>and either the 2xx reply named the other message's queue id ("queued as 3FDD9EB009") and the two ends agree
 *       (the next server's {@code client=} names this server, or this row's relay names the next server) or both
 *       servers logged the same Message-ID; or both logged the same Message-ID and the two ends agree.
 * </ul>
 * Two different Message-IDs never link, except on one server: a reply that names a queue id with lines on the very
 * host that logged it (a content filter such as amavis on port 10024 or 2501 that queued the message again, or
 * another Postfix instance of the host) is the same queue's next id, whatever the Message-IDs say (the first one
 * may be empty, or logged before the log starts). A server that is ours but whose log is not indexed cannot be told
 * from a foreign one: such a row stays HANDED_OVER.
 */
public final class Journeys {
  /** How far apart the two servers' times of one handover may be: transfer time plus clock skew. */
  public static final Duration WINDOW = Duration.ofMinutes(10);
  /** Journeys longer than this are cut (and loops are impossible anyway: a key appears once per journey). */
  static final int MAX_HOPS = 5;

  /** The rows of one message key and the local ids (queue ids, LCIDs) its events carry, lower case. */
  public record Stop(String key, List<DeliveryRow> rows, Set<String> localIds) {}

  private final HopCandidates candidates;
  private final Function<String, Stop> loader;
  /** Messages loaded lately: a journey's messages are looked at from each of its hops. Bounded, as traces are not. */
  private final Map<String, Stop> stops = new LinkedHashMap<>(CACHED_STOPS, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Stop> eldest) {
      return size() > CACHED_STOPS;
    }
  };

  /**
   * @param candidates where the messages next to a row are looked for
   * @param loader     loads the message under a key (its rows with forwards followed), or null when unknown
   */
  public Journeys(HopCandidates candidates, Function<String, Stop> loader) {
    this.candidates = candidates;
    this.loader = loader;
  }

  /** The whole journey {@code row} belongs to; the row itself when no other server continued or preceded it. */
  public DeliveryRow of(DeliveryRow row) {
    DeliveryRow first = row;
    Set<String> visited = new HashSet<>(Set.of(row.key()));
    for (int i = 1; i < MAX_HOPS; i++) {
      DeliveryRow previous = predecessor(first, visited);
      if (previous == null) {
        break;
      }
      visited.add(previous.key());
      first = previous;
    }
    DeliveryRow journey = first;
    DeliveryRow current = first;
    Set<String> onJourney = new HashSet<>(Set.of(first.key()));
    while (journey.hops().size() < MAX_HOPS) {
      Next next = successor(current, onJourney);
      if (next == null) {
        break;
      }
      onJourney.add(next.row().key());
      journey = journey.continuedBy(next.row(), next.link());
      current = next.row();
    }
    return journey;
  }

  private record Next(DeliveryRow row, HopLink link) {}

  /**
   * The questions {@link #of} asks first about each of these rows, before it knows any other hop (the window of its
   * predecessor, the ids of its successor), so that a page of rows can ask them of the index at once.
   */
  public static HopCandidates.Questions firstQuestions(Collection<DeliveryRow> rows) {
    Set<AttemptWindow> windows = new LinkedHashSet<>();
    Set<String> localIds = new LinkedHashSet<>();
    Set<String> messageIds = new LinkedHashSet<>();
    for (DeliveryRow row : rows) {
      AttemptWindow window = predecessorWindow(row);
      if (window != null) {
        windows.add(window);
      }
      if (mayContinue(row)) {
        if (nextLocalId(row) != null) {
          localIds.add(nextLocalId(row));
        }
        if (nextMessageId(row) != null) {
          messageIds.add(nextMessageId(row));
        }
      }
    }
    return new HopCandidates.Questions(windows, localIds, messageIds);
  }

  private static boolean mayContinue(DeliveryRow row) {
    return row.verdict() == Verdict.HANDED_OVER && row.recipient() != null;
  }

  /** The local id a successor of the row has: the queue id the next server's reply named, lower case; or null. */
  private static String nextLocalId(DeliveryRow row) {
    return row.remoteId() == null ? null : row.remoteId().toLowerCase(Locale.ROOT);
  }

  /** The Message-ID a successor of the row may share, normalized; or null. */
  private static String nextMessageId(DeliveryRow row) {
    String messageId = MailAddresses.normalizeMessageId(row.messageId());
    return messageId == null || messageId.isEmpty() ? null : messageId;
  }

  /** Where a predecessor's attempt to the row's recipient would be: around the row's start; null when unknowable. */
  private static AttemptWindow predecessorWindow(DeliveryRow row) {
    String recipient = MailAddresses.normalize(row.recipient());
    if (recipient == null || recipient.isEmpty() || row.firstSeen() == null) {
      return null;
    }
    return new AttemptWindow(recipient, row.firstSeen().minus(WINDOW).toEpochMilli(),
        row.firstSeen().plus(WINDOW).toEpochMilli());
  }

  private Next successor(DeliveryRow row, Set<String> excluded) {
    if (!mayContinue(row)) {
      return null;
    }
    Set<String> keys = new LinkedHashSet<>(candidates.sharingIds(MailAddresses.normalize(row.recipient()),
        nextLocalId(row), nextMessageId(row)));
    keys.removeAll(excluded);
    for (String key : keys) {
      Stop stop = stop(key);
      DeliveryRow candidate = stop == null ? null : rowFor(stop, row.recipient());
      HopLink link = candidate == null ? null : link(row, stop, candidate);
      if (link != null) {
        return new Next(candidate, link);
      }
    }
    return null;
  }

  /** The row of another server that handed this row's recipient over to this row's message, or null. */
  private DeliveryRow predecessor(DeliveryRow row, Set<String> excluded) {
    AttemptWindow window = predecessorWindow(row);
    if (window == null) {
      return null;
    }
    Set<String> keys = new LinkedHashSet<>(candidates.attemptsNearby(window.recipient(), window.fromMillis(),
        window.toMillis()));
    keys.removeAll(excluded);
    if (keys.isEmpty()) {
      return null; // the common case: nothing else delivered to this recipient around then
    }
    Stop self = stop(row.key());
    if (self == null) {
      return null;
    }
    for (String key : keys) {
      Stop stop = stop(key);
      if (stop == null) {
        continue;
      }
      for (DeliveryRow candidate : stop.rows()) {
        if (sameRecipient(candidate.recipient(), row) && link(candidate, self, row) != null) {
          return candidate;
        }
      }
    }
    return null;
  }

  /**
   * How {@code next} (a row of the message {@code nextStop}) continues {@code previous}, or null when it does not.
   * The recipient must already be known to match.
   */
  static HopLink link(DeliveryRow previous, Stop nextStop, DeliveryRow next) {
    if (previous.verdict() != Verdict.HANDED_OVER || previous.key().equals(next.key())
        || !sameRecipient(previous.recipient(), next) || !withinWindow(previous, next)) {
      return null;
    }
    boolean queueId = previous.remoteId() != null
        && nextStop.localIds().contains(previous.remoteId().toLowerCase(Locale.ROOT));
    if (queueId && sameServer(previous, next)) {
      return HopLink.QUEUE_ID; // our server queued it again (a content filter, another instance): one queue's ids
    }
    String previousId = MailAddresses.normalizeMessageId(previous.messageId());
    String nextId = MailAddresses.normalizeMessageId(next.messageId());
    boolean bothIds = previousId != null && !previousId.isEmpty() && nextId != null && !nextId.isEmpty();
    if (bothIds && !previousId.equals(nextId)) {
      return null;
    }
    boolean sameMessageId = bothIds;
    boolean endsAgree = Endpoints.names(next.client(), previous.host())
        || Endpoints.names(previous.relay(), next.host());
    if (queueId && (endsAgree || sameMessageId)) {
      return HopLink.QUEUE_ID;
    }
    return sameMessageId && endsAgree ? HopLink.MESSAGE_ID : null;
  }

  /** Whether both rows are of one server's log: the same format and host (Postfix instances of a host share it). */
  private static boolean sameServer(DeliveryRow previous, DeliveryRow next) {
    return previous.host() != null && previous.host().equalsIgnoreCase(next.host())
        && previous.format() != null && previous.format().equals(next.format());
  }

  private static boolean withinWindow(DeliveryRow previous, DeliveryRow next) {
    if (previous.firstSeen() == null || next.firstSeen() == null) {
      return false;
    }
    Instant last = previous.lastEvent() == null ? previous.firstSeen() : previous.lastEvent();
    return !next.firstSeen().isBefore(previous.firstSeen().minus(WINDOW)) && !next.firstSeen().isAfter(last.plus(WINDOW));
  }

  private static boolean sameRecipient(String recipient, DeliveryRow row) {
    String wanted = MailAddresses.normalize(recipient);
    return wanted != null && !wanted.isEmpty() && (wanted.equals(MailAddresses.normalize(row.recipient()))
        || wanted.equals(MailAddresses.normalize(row.originalRecipient())));
  }

  private static DeliveryRow rowFor(Stop stop, String recipient) {
    String wanted = MailAddresses.normalize(recipient);
    DeliveryRow byOriginal = null;
    for (DeliveryRow row : stop.rows()) {
      if (wanted.equals(MailAddresses.normalize(row.recipient()))) {
        return row;
      }
      if (byOriginal == null && wanted.equals(MailAddresses.normalize(row.originalRecipient()))) {
        byOriginal = row;
      }
    }
    return byOriginal;
  }

  private Stop stop(String key) {
    return stops.computeIfAbsent(key, loader);
  }

  private static final int CACHED_STOPS = 512;
}
