package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The explicit mapping of each kind of document: every field {@link EventFields} and {@link RowFields} name, with its
 * type, and {@code "dynamic": "strict"} so that a document with any other field is refused instead of growing the
 * mapping (a typo in a writer, or a field a newer agent writes before {@code store init} ran, fails loudly).
 */
final class StoreMappings {
  static final String KEYWORD = "keyword";
  static final String DATE = "date";
  static final String LONG = "long";
  static final String INTEGER = "integer";
  static final String BOOLEAN = "boolean";
  static final String BINARY = "binary";
  /**
   * The longest keyword indexed, in characters: 8191 characters are at most 32,764 bytes of UTF-8, under Lucene's
   * limit of 32,766 bytes for a term. A longer value (a garbage Message-ID) is kept in the source but not indexed,
   * instead of failing its whole document.
   */
  static final int KEYWORD_MAX_CHARS = 8191;
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoreMappings() {}

  /** Each field of a kind and its type, in a fixed order. */
  static Map<String, String> fieldTypes(DocumentKind kind) {
    Map<String, String> types = new LinkedHashMap<>();
    switch (kind) {
      case EVENTS -> {
        types.put(EventFields.TIMESTAMP, DATE);
        types.put(EventFields.START, DATE);
        types.put(EventFields.TIMES, DATE);
        types.put(EventFields.EVENT_COUNT, INTEGER);
        types.put(EventFields.KEY, KEYWORD);
        types.put(EventFields.LOCAL_ID, KEYWORD);
        types.put(EventFields.RECIPIENT, KEYWORD);
        types.put(EventFields.RECIPIENT_DOMAIN, KEYWORD);
        types.put(EventFields.SENDER, KEYWORD);
        types.put(EventFields.MESSAGE_ID, KEYWORD);
        types.put(EventFields.KIND, KEYWORD);
        types.put(EventFields.HOST, KEYWORD);
        types.put(EventFields.FILE_PATH, KEYWORD);
        types.put(EventFields.FILE_ID, KEYWORD);
        types.put(EventFields.OFFSET, LONG);
        types.put(EventFields.EVENT, BINARY);
      }
      case ROWS -> {
        types.put(RowFields.TIMESTAMP, DATE);
        types.put(RowFields.FIRST_SEEN, DATE);
        types.put(RowFields.MESSAGE_LAST_MIN, DATE);
        types.put(RowFields.KEY, KEYWORD);
        types.put(RowFields.RECIPIENT, KEYWORD);
        types.put(RowFields.RECIPIENT_DOMAIN, KEYWORD);
        types.put(RowFields.SENDER, KEYWORD);
        types.put(RowFields.VERDICT, KEYWORD);
        types.put(RowFields.OUTCOME, KEYWORD);
        types.put(RowFields.FORWARDED, BOOLEAN);
        types.put(RowFields.ATTEMPTS, INTEGER);
        types.put(RowFields.DEFERRALS, LONG);
        types.put(RowFields.SIZE, LONG);
        types.put(RowFields.RECEIVED, INTEGER);
        types.put(RowFields.FLAGS, INTEGER);
        types.put(RowFields.GROUP_DOMAIN, KEYWORD);
        types.put(RowFields.GROUP_RELAY, KEYWORD);
        types.put(RowFields.GROUP_CATEGORY, KEYWORD);
        types.put(RowFields.GROUP_HOST, KEYWORD);
        types.put(RowFields.HOST, KEYWORD);
        types.put(RowFields.FORMAT, KEYWORD);
      }
    }
    return types;
  }

  /**
   * The mapping of a kind, as OpenSearch takes it. Dotted names ("email.to.address") are OpenSearch's shorthand for
   * objects; the objects it makes of them inherit {@code strict}.
   */
  static ObjectNode mapping(DocumentKind kind) {
    ObjectNode mapping = JSON.createObjectNode();
    mapping.put("dynamic", "strict");
    ObjectNode properties = mapping.putObject("properties");
    fieldTypes(kind).forEach((field, type) -> {
      ObjectNode property = properties.putObject(field).put("type", type);
      switch (type) {
        case KEYWORD -> property.put("ignore_above", KEYWORD_MAX_CHARS);
        // epoch milliseconds from the writers; ISO dates too, so a dashboard's range query can name a day
        case DATE -> property.put("format", "epoch_millis||strict_date_optional_time");
        default -> {}
      }
    });
    return mapping;
  }
}
