package org.smtptrail.format.axigen;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smtptrail.core.EventSink;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.event.Relay;
import org.smtptrail.format.axigen.SmtpOutSession.SharedLine;

/**
 * SMTP-OUT connections with no logged conversation. At Axigen's default log level (15) an SMTP-OUT session is one
 * informational line, "[local:port] connected to [ip:port]" (wording INFERRED, note E.7), or a line telling that the
 * connection failed; it names neither the message nor the recipient. A PROCESSING state line that ends an attempt of
 * a remote recipient (SENT, DEFERRED, FAILED) then {@linkplain #claim claims} the connection that carried it, for the
 * relay (and, for a failed connection, the reason). Nothing names both, so the claim goes by time and by server:
 *
 * <ul>
 *   <li>candidates are connections made in the {@value #WINDOW_SECONDS} seconds up to the state line, not claimed by
 *       another message (a connection claimed by the same message only when its server is known for the
 *       recipient's domain: one session carrying two recipients), with a successful connection only for SENT;
 *   <li>the servers known for the recipient's domain narrow the candidates. A domain's server is learned from a
 *       claim, from a tied conversation, or, for a domain not learned yet, as the one server connected to in the
 *       {@value #SUSPECT_SECONDS} seconds before each of its attempts ({@link #suspect}: the intersection over its
 *       attempts, which narrows the candidates meanwhile);
 *   <li>one candidate left: it is tied, its line becomes evidence of the recipient; several candidates to one server:
 *       the relay is that server, but no line is tied (which of them carried the message is not known; taking the
 *       oldest was tried and, on a busy generated corpus, tied the wrong session four times in five); candidates to
 *       several servers: nothing.
 * </ul>
 *
 * <p>The verdict never depends on this: the state line decides, the connection only names where it went. A
 * connection's line is counted once: as evidence when claimed, else as skipped when it is forgotten or the input
 * ends (a tailed log that pauses between a connection and its state line may count that line both ways).
 */
final class SmtpOutConnects {
  static final long WINDOW_SECONDS = 60;
  private static final Duration WINDOW = Duration.ofSeconds(WINDOW_SECONDS);
  private static final int MAX_RECENT = 10_000;
  private static final int MAX_DOMAINS = 20_000;
  private static final int MAX_SERVERS_PER_DOMAIN = 16;
  /** How close before an attempt its connection is looked for when learning a domain's server. */
  static final long SUSPECT_SECONDS = 5;

  /** One connection line of a session without conversation (so far). */
  static final class Connect {
    final SharedLine line;
    final Instant time;
    final String address;
    final int port;
    /** The line's text when it tells of a failed connection, else null. */
    final String failure;
    /** The session went on to MAIL FROM or RCPT TO: its transaction ties it, not a state line. */
    boolean conversation;
    /** The queue id of the message that claimed it. */
    String claimedBy;
    /** Still among the candidates. */
    boolean live = true;
    /** Its session is over: when it is forgotten unclaimed, its line is counted as skipped. */
    boolean ended;
    /** Its line was counted as skipped. */
    boolean counted;

    Connect(SharedLine line, String address, int port, String failure) {
      this.line = line;
      this.time = line.line().time(); // never null: AxigenLineParser files a line without a time as unparsed
      this.address = address;
      this.port = port;
      this.failure = failure;
    }

    Relay relay() {
      return address == null ? null : new Relay("", address, port);
    }
  }

  /**
   * What a state line learned from the connections.
   *
   * @param relay the server the attempt went to
   * @param tied  the connection that carried it, when that one is known; else null
   */
  record Claim(Relay relay, Connect tied) {}

  private final Deque<Connect> recent = new ArrayDeque<>();
  private final Map<String, Set<String>> serversByDomain = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
      return size() > MAX_DOMAINS;
    }
  };
  /** For a domain whose server is not learned yet: the servers it may be ({@link #suspect}). */
  private final Map<String, Set<String>> suspects = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
      return size() > MAX_DOMAINS;
    }
  };

  /** A connection line (successful or failed) of a session that has not spoken SMTP yet. */
  Connect connected(SharedLine line, String address, int port, String failure, EventSink sink) {
    Connect connect = new Connect(line, address, port, failure);
    recent.addLast(connect);
    while (recent.size() > MAX_RECENT) {
      forget(recent.removeFirst(), sink);
    }
    return connect;
  }

  /** The server {@code address} took mail for {@code recipient}'s domain (a tied conversation, or a claim). */
  void learn(String recipient, String address) {
    String domain = MailAddresses.domainOf(recipient);
    if (domain == null || address == null) {
      return;
    }
    Set<String> servers = serversByDomain.computeIfAbsent(domain, d -> new LinkedHashSet<>());
    if (servers.size() < MAX_SERVERS_PER_DOMAIN) {
      servers.add(address);
    }
    suspects.remove(domain);
  }

  /**
   * The connection that carried the attempt a state line of {@code recipient} in message {@code queueId} ended at
   * {@code time} (see the class comment), or null when none can be named. A tied connection's line is filed as
   * evidence of the recipient under the queue id.
   *
   * @param sent true for SENT: only successful connections qualify
   */
  Claim claim(String queueId, String recipient, Instant time, boolean sent, EventSink sink) {
    forgetOlderThan(time, sink);
    String domain = MailAddresses.domainOf(recipient);
    Instant earliest = time.minus(WINDOW);
    List<Connect> eligible = new ArrayList<>();
    for (Connect connect : recent) {
      if (connect.live && !connect.conversation && connect.address != null && !connect.time.isAfter(time)
          && !connect.time.isBefore(earliest) && (!sent || connect.failure == null)) {
        eligible.add(connect);
      }
    }
    Set<String> servers = domain == null ? null : serversByDomain.get(domain);
    Set<String> suspected = servers == null && domain != null ? suspect(domain, eligible, time) : null;
    List<Connect> candidates = new ArrayList<>();
    for (Connect connect : eligible) {
      boolean known = servers != null && servers.contains(connect.address);
      if (connect.claimedBy == null || connect.claimedBy.equals(queueId) && known) {
        candidates.add(connect);
      }
    }
    Set<String> narrowTo = servers != null ? servers : suspected;
    if (narrowTo != null) {
      List<Connect> narrowed = candidates.stream().filter(c -> narrowTo.contains(c.address)).toList();
      if (!narrowed.isEmpty()) {
        candidates = narrowed;
      }
    }
    if (candidates.isEmpty() || candidates.stream().map(c -> c.address).distinct().count() != 1) {
      return null;
    }
    Connect first = candidates.get(0);
    learn(recipient, first.address);
    if (candidates.size() > 1) {
      return new Claim(first.relay(), null); // several sessions to that server: which one carried it is not known
    }
    if (first.claimedBy == null) {
      first.claimedBy = queueId;
    }
    sink.accept(first.line.about(recipient).withLocalId(queueId));
    return new Claim(first.relay(), first);
  }

  /**
   * The servers that may take mail for a domain not learned yet: those connected to in the
   * {@value #SUSPECT_SECONDS} seconds before each of its attempts, intersected over its attempts (its server is
   * connected to before every one of them). Reset when the intersection runs empty (a second MX, a slow session).
   */
  private Set<String> suspect(String domain, List<Connect> eligible, Instant time) {
    Instant since = time.minusSeconds(SUSPECT_SECONDS);
    Set<String> now = new LinkedHashSet<>();
    for (Connect connect : eligible) {
      if (!connect.time.isBefore(since)) {
        now.add(connect.address);
      }
    }
    if (now.isEmpty()) {
      return suspects.get(domain);
    }
    Set<String> before = suspects.get(domain);
    if (before != null) {
      Set<String> both = new LinkedHashSet<>(before);
      both.retainAll(now);
      if (!both.isEmpty()) {
        now = both;
      }
    }
    suspects.put(domain, now);
    return now;
  }

  /** The connection's session is over (its line was not used by a transaction). */
  void ended(Connect connect, EventSink sink) {
    if (connect.claimedBy != null) {
      return;
    }
    if (connect.live) {
      connect.ended = true;
    } else {
      count(connect, sink);
    }
  }

  /** Forgets the connections older than the window before {@code now}. */
  void forgetOlderThan(Instant now, EventSink sink) {
    Instant limit = now.minus(WINDOW);
    while (!recent.isEmpty() && recent.peekFirst().time.isBefore(limit)) {
      forget(recent.removeFirst(), sink);
    }
  }

  /**
   * The end of the input (or a quiet tailed file): every unclaimed connection whose session is over is counted as
   * skipped now; the connections stay candidates, so a state line after a pause can still claim one.
   */
  void flush(EventSink sink) {
    for (Connect connect : recent) {
      if (connect.ended && connect.claimedBy == null) {
        count(connect, sink);
      }
    }
  }

  private static void forget(Connect connect, EventSink sink) {
    connect.live = false;
    if (connect.ended && connect.claimedBy == null) {
      count(connect, sink);
    }
  }

  private static void count(Connect connect, EventSink sink) {
    if (!connect.counted && !connect.conversation) {
      connect.counted = true;
      sink.skipped(connect.line.source());
    }
  }
}
