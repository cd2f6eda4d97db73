package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * Every hit of a search, a page at a time, in the search's sort order, through a scroll: one consistent view of the
 * indices from the first page to the last, and no limit of 10,000 hits as with from + size. The scroll is cleared
 * as soon as the visitor stops or the hits run out, so no search context lingers on the cluster.
 */
final class Scroll {
  /** Hits per page: large enough that round trips do not dominate, small enough for a page of event documents. */
  static final int PAGE = 1000;
  private static final String KEEP_ALIVE = "1m";
  private static final int ATTEMPTS_WHEN_LOST = 5;

  /** Receives the hits of a scroll. */
  @FunctionalInterface
  interface HitVisitor {
    /** Returns false to stop. */
    boolean visit(JsonNode hit) throws IOException;
  }

  private Scroll() {}

  /**
   * The cluster no longer has a scroll's context: the node holding it restarted, or it waited past its keep-alive.
   * The hits seen so far cannot be told from the rest in a search started again, so only a visitor that may see a
   * hit twice starts over ({@link #eachAgainIfLost}); any other search fails, saying to run it again.
   */
  static final class LostScrollException extends IOException {
    LostScrollException(String index, StoreRequestException cause) {
      super("the search of " + index + " was lost by the cluster between two pages (a node restarted, or the"
          + " search waited too long): run it again (" + cause.getMessage() + ")", cause);
    }
  }

  /**
   * As {@link #each}, for a visitor that may be handed a hit more than once (one that deletes by id): a scroll the
   * cluster lost starts over from the first page, up to {@value #ATTEMPTS_WHEN_LOST} times.
   */
  static void eachAgainIfLost(StoreRequests requests, String index, ObjectNode body, HitVisitor visitor)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        each(requests, index, body, visitor);
        return;
      } catch (LostScrollException lost) {
        if (attempt >= ATTEMPTS_WHEN_LOST) {
          throw lost;
        }
      }
    }
  }

  /**
   * Most searches here fit one page (a message's events, a recipient's rows, a batch's candidates): asked without a
   * scroll, they cost one round trip instead of two (the search, then clearing its scroll), and leave no search
   * context on the cluster (round trips are most of a look-up's time on a remote store). Returns false, having
   * visited nothing, when there is more than a page: the caller then scrolls from the start, so that every page is of
   * one view of the indices.
   */
  private static boolean onePage(StoreRequests requests, String index, ObjectNode search, HitVisitor visitor)
      throws IOException {
    ObjectNode first = search.deepCopy().put("track_total_hits", false);
    JsonNode page = requests.postOrNull("/" + index + "/_search", Map.of(), first);
    if (page == null) {
      return true; // no such index: no hits
    }
    JsonNode hits = page.path("hits").path("hits");
    if (hits.size() >= search.path("size").asInt()) {
      return false;
    }
    for (JsonNode hit : hits) {
      if (!visitor.visit(hit)) {
        break;
      }
    }
    return true;
  }

  /**
   * Hands every hit of {@code body} (a search body: query, sort, _source) on {@code index} to {@code visitor}, until
   * it returns false; an index that does not exist has no hits.
   */
  static void each(StoreRequests requests, String index, ObjectNode body, HitVisitor visitor) throws IOException {
    ObjectNode search = body.deepCopy();
    if (!search.has("size")) {
      search.put("size", PAGE);
    }
    if (onePage(requests, index, search, visitor)) {
      return;
    }
    JsonNode page = requests.postOrNull("/" + index + "/_search", Map.of("scroll", KEEP_ALIVE), search);
    if (page == null) {
      return;
    }
    String scrollId = page.path("_scroll_id").asText(null);
    try {
      while (true) {
        JsonNode hits = page.path("hits").path("hits");
        if (hits.isEmpty()) {
          return;
        }
        for (JsonNode hit : hits) {
          if (!visitor.visit(hit)) {
            return;
          }
        }
        if (hits.size() < search.path("size").asInt()) {
          // a short page is the last: no round trip to hear it, and no scroll to lose if a node restarts meanwhile
          return;
        }
        ObjectNode next = requests.object().put("scroll", KEEP_ALIVE).put("scroll_id", scrollId);
        try {
          page = requests.post("/_search/scroll", Map.of(), next);
        } catch (StoreRequestException refused) {
          if (refused.status() == 404) {
            scrollId = null; // nothing left to clear
            throw new LostScrollException(index, refused);
          }
          throw refused;
        }
        scrollId = page.path("_scroll_id").asText(scrollId);
      }
    } finally {
      if (scrollId != null) {
        ObjectNode clear = requests.object();
        clear.putArray("scroll_id").add(scrollId);
        requests.delete("/_search/scroll", clear);
      }
    }
  }
}
