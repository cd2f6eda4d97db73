package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The addresses of the rows that start with a prefix ({@code StoreReader.addressesStartingWith}), from OpenSearch: a
 * prefix query on the rows' keyword field and a terms aggregation over it, in key order, kept to the keys that start
 * with the prefix (a row's original recipients share the field). No row is fetched; deleted rows are not counted.
 */
final class AddressSuggestions {
  private AddressSuggestions() {}

  static List<String> startingWith(StoreRequests requests, String rows, String prefix, int max) throws IOException {
    List<String> found = new ArrayList<>();
    if (max <= 0) {
      return found;
    }
    String start = prefix.strip().toLowerCase(Locale.ROOT);
    ObjectNode body = requests.object().put("size", 0).put("track_total_hits", false);
    body.putObject("query").putObject("prefix").putObject(RowFields.RECIPIENT).put("value", start);
    ObjectNode terms = body.putObject("aggs").putObject("addresses").putObject("terms");
    terms.put("field", RowFields.RECIPIENT).put("include", literalRegex(start) + ".*").put("size", max);
    terms.putObject("order").put("_key", "asc");
    JsonNode answer = requests.postOrNull("/" + rows + "/_search", Map.of(), body);
    if (answer != null) {
      answer.path("aggregations").path("addresses").path("buckets")
          .forEach(bucket -> found.add(bucket.path("key").asText()));
    }
    return found;
  }

  /** The text as a Lucene regular expression matching exactly it: every character but a letter or digit escaped. */
  static String literalRegex(String text) {
    StringBuilder regex = new StringBuilder(text.length() * 2);
    text.codePoints().forEach(c -> {
      if (!Character.isLetterOrDigit(c)) {
        regex.append('\\');
      }
      regex.appendCodePoint(c);
    });
    return regex.toString();
  }
}
