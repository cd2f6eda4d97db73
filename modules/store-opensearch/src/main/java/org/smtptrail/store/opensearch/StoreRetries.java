package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ResponseException;
import org.opensearch.client.util.MissingRequiredPropertyException;
import org.smtptrail.engine.store.StoreHealth;

/**
 * What a connection does when a request fails: a writer's connection waits and sends it again while the fault is one
 * that passes (the cluster unreachable, a connection reset or timed out, 429 back-pressure, 502/503/504: a node
 * restarting, no cluster manager elected yet, shards not yet allocated), for as long as the process runs, so that a
 * {@code tail} resumes by itself when the cluster is back; every other fault (a mapping conflict, a refused request)
 * is thrown at once. A reader's connection (a query command) throws every fault at once: a person is waiting.
 *
 * <p>The waits double from {@link #FIRST_WAIT} to {@link #LONGEST_WAIT} and stay there; each is a random time between
 * half and all of its step, so agents that lost the cluster together do not all come back in the same second. 250 ms
 * is about what a bulk request of {@link BulkWriter#MAX_DOCUMENTS} takes, so a write queue that was full has emptied
 * by then; doubling reaches the longest wait after seven retries (about 32 s in all: a node's restart); 30 s bounds
 * how late an agent notices a cluster that is back, and keeps an outage of hours at two requests a minute per agent
 * (50 agents: under 2 requests/s on a cluster that is recovering). A success starts the next fault's waits from the
 * first again. Each retry is logged once (one line per step, never more), with the URL (which never holds
 * credentials) and the fault.
 */
final class StoreRetries {
  static final Duration FIRST_WAIT = Duration.ofMillis(250);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
  /** Statuses that say "not now": too many requests, and a gateway or a cluster that is not ready. */
  private static final Set<Integer> PASSING_STATUSES = Set.of(429, 502, 503, 504);
  private static final System.Logger LOG = System.getLogger(StoreRetries.class.getName());

  /** One attempt of a request. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws IOException;
  }

  private final String cluster;
  private volatile boolean retrying;
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicReference<Instant> waitingSince = new AtomicReference<>();

  StoreRetries(String cluster) {
    this.cluster = cluster;
  }

  /** From now on, faults that pass are waited out (a writer, once it could open). */
  void retryPassingFaults() {
    retrying = true;
  }

  /**
   * Runs {@code attempt} until it succeeds, waiting between attempts while its fault is one that passes and this
   * connection retries; any other fault is thrown as it came.
   *
   * @param what the request, for the log ("bulk write of 2000 documents")
   * @throws InterruptedIOException when the thread is interrupted during a wait
   */
  <T> T call(String what, Attempt<T> attempt) throws IOException {
    long step = FIRST_WAIT.toMillis();
    int retry = 0;
    Instant firstFailure = null;
    while (true) {
      try {
        T result = attempt.run();
        if (retry > 0) {
          waitingSince.compareAndSet(firstFailure, null);
          LOG.log(System.Logger.Level.WARNING, "OpenSearch at " + cluster + " answers again: " + what + " done after "
              + retry + (retry == 1 ? " retry" : " retries") + " in "
              + Duration.between(firstFailure, Instant.now()).toSeconds() + " s");
        }
        return result;
      } catch (IOException | RuntimeException fault) {
        errors.incrementAndGet();
        if (!retrying || !passes(fault)) {
          throw fault;
        }
        if (firstFailure == null) {
          firstFailure = Instant.now();
          waitingSince.compareAndSet(null, firstFailure);
        }
        retry++;
        long wait = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
        LOG.log(System.Logger.Level.WARNING, "OpenSearch at " + cluster + ": " + what + " failed (" + describe(fault)
            + "); retry " + retry + " in " + wait + " ms, nothing is lost meanwhile");
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          InterruptedIOException stopped = new InterruptedIOException("interrupted while waiting for OpenSearch at "
              + cluster + " to answer " + what);
          stopped.initCause(fault);
          throw stopped;
        }
        retries.incrementAndGet();
        step = Math.min(step * 2, LONGEST_WAIT.toMillis());
      }
    }
  }

  StoreHealth health() {
    return new StoreHealth(errors.get(), retries.get(), waitingSince.get());
  }

  /**
   * Whether a fault passes by itself: the cluster could not be reached or the connection broke (refused, reset,
   * closed, timed out, a name not resolved for now), or it answered 429, 502, 503 or 504, or its answer reported a
   * replica's failure in a way the client cannot read ({@link #replicaFailureUnread}).
   */
  static boolean passes(Throwable fault) {
    for (Throwable cause = fault; cause != null; cause = cause.getCause()) {
      Integer status = status(cause);
      if (status != null) {
        return passes(status);
      }
      if (cause instanceof MissingRequiredPropertyException missing && replicaFailureUnread(missing)) {
        return true;
      }
      if (cause instanceof JsonProcessingException) {
        return false; // an answer that was not what was expected: sending it again would not change it
      }
      if (cause instanceof ConnectException || cause instanceof SocketException
          || cause instanceof SocketTimeoutException || cause instanceof ConnectTimeoutException
          || cause instanceof ConnectionClosedException || cause instanceof NoHttpResponseException
          || cause instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the client could not read an answer because it reports a shard copy's failure without the shard's number
   * ({@code _shards.failures[]} of a bulk item, when a replica's node was lost while it wrote: opensearch-java issue
   * 551). The documents are on their primary then and the failed copy is being replaced; the answer itself is lost,
   * so the request is sent again, which overwrites each document with itself (their ids are deterministic) and reads
   * a clean answer once the cluster has failed the copy out. ThreeNodeIngestIT met it in 3 of its first 4 runs.
   */
  static boolean replicaFailureUnread(MissingRequiredPropertyException missing) {
    Class<?> type = missing.getObjectClass();
    if (type != null && type.getEnclosingClass() != null) {
      type = type.getEnclosingClass(); // its builder's
    }
    String name = type == null ? "" : type.getSimpleName();
    return "shard".equals(missing.getPropertyName()) && name.startsWith("Shard") && name.endsWith("Failure");
  }

  /** Whether an answer's HTTP status says "not now": 429, 502, 503 or 504. */
  static boolean passes(int status) {
    return PASSING_STATUSES.contains(status);
  }

  /** The HTTP status a fault carries, or null when it has none (it never got an answer). */
  private static Integer status(Throwable fault) {
    return switch (fault) {
      case StoreRequestException refused when refused.status() > 0 -> refused.status();
      case OpenSearchException refused -> refused.status();
      case ResponseException refused -> refused.status();
      default -> null;
    };
  }

  /** OpenSearch's answer when it gave one (it says why), else what the connection met ("Connection refused"). */
  private static String describe(Throwable fault) {
    Throwable said = fault;
    if (status(fault) == null) {
      while (said.getCause() != null) {
        said = said.getCause();
      }
    }
    String message = said.getMessage();
    return message == null ? said.getClass().getSimpleName() : message;
  }
}
