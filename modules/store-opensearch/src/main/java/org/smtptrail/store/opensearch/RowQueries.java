package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import org.smtptrail.engine.store.AddressPattern;
import org.smtptrail.engine.store.RowFilter;
import org.smtptrail.engine.store.RowGroup;

/**
 * A {@link RowFilter} as an OpenSearch query on the row documents, the same rows the local store's {@code RowQueries}
 * finds: term, terms, range, exists and wildcard queries only, never {@code query_string} or
 * {@code simple_query_string}, so what a user typed is a value and never syntax.
 */
final class RowQueries {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RowQueries() {}

  /** The rows matching every filter of {@code filter} (a bool query of filters; match_all without any). */
  static ObjectNode of(RowFilter filter) {
    ObjectNode query = NODES.objectNode();
    ArrayNode filters = query.putObject("bool").putArray("filter");
    if (filter.keys() != null) {
      filters.add(filter.keys().isEmpty() ? matchNone() : terms(RowFields.KEY, filter.keys()));
    }
    if (filter.recipient() != null) {
      filters.add(address(filter.recipient(), RowFields.RECIPIENT, RowFields.RECIPIENT_DOMAIN));
    }
    if (filter.sender() != null) {
      filters.add(address(filter.sender(), RowFields.SENDER, null));
    }
    if (filter.domain() != null) {
      filters.add(term(RowFields.RECIPIENT_DOMAIN, filter.domain()));
    }
    if (filter.verdict() != null) {
      filters.add(orForwarded(term(RowFields.VERDICT, filter.verdict().name()), filter));
    }
    if (filter.hasTimeRange()) {
      filters.add(orForwarded(timeRange(filter), filter));
    }
    return query;
  }

  private static ObjectNode orForwarded(ObjectNode query, RowFilter filter) {
    if (!filter.keepForwarded()) {
      return query;
    }
    ObjectNode either = NODES.objectNode();
    ObjectNode bool = either.putObject("bool");
    bool.putArray("should").add(query).add(term(RowFields.FORWARDED, true));
    bool.put("minimum_should_match", 1);
    return either;
  }

  /**
   * Last event at or after {@code since}, message started at or before {@code until}. A row without a first event
   * passes {@code until}, as in the local store, where its absent time is the smallest number there is; a row
   * without a last event never passes {@code since}.
   */
  private static ObjectNode timeRange(RowFilter filter) {
    ObjectNode query = NODES.objectNode();
    ArrayNode both = query.putObject("bool").putArray("filter");
    if (filter.since() != null) {
      both.add(range(RowFields.TIMESTAMP, "gte", filter.since().toEpochMilli()));
    }
    if (filter.until() != null) {
      ObjectNode untilOrNone = NODES.objectNode();
      ObjectNode bool = untilOrNone.putObject("bool");
      ObjectNode noStart = NODES.objectNode();
      noStart.putObject("bool").putArray("must_not").addObject().putObject("exists")
          .put("field", RowFields.FIRST_SEEN);
      bool.putArray("should").add(range(RowFields.FIRST_SEEN, "lte", filter.until().toEpochMilli())).add(noStart);
      bool.put("minimum_should_match", 1);
      both.add(untilOrNone);
    }
    return query;
  }

  /**
   * The query for a pattern on an address field; {@code domainField} holds each address's domain and its parents, so
   * "*@example.net" is one term there. A wildcard pattern's only special characters are {@code *} and {@code ?}; the
   * wildcard query's escape character, the backslash, is escaped so that it stays literal.
   */
  static ObjectNode address(AddressPattern pattern, String field, String domainField) {
    if (!pattern.isWildcard()) {
      return term(field, pattern.text());
    }
    if (pattern.wholeDomain() != null && domainField != null) {
      return term(domainField, pattern.wholeDomain());
    }
    ObjectNode query = NODES.objectNode();
    query.putObject("wildcard").putObject(field).put("value", pattern.text().replace("\\", "\\\\"));
    return query;
  }

  /** The row field a scan reads a group from; null for none. */
  static String groupField(RowGroup group) {
    if (group == null) {
      return null;
    }
    return switch (group) {
      case DOMAIN -> RowFields.GROUP_DOMAIN;
      case RELAY -> RowFields.GROUP_RELAY;
      case CATEGORY -> RowFields.GROUP_CATEGORY;
      case HOST -> RowFields.GROUP_HOST;
      case VERDICT -> RowFields.VERDICT;
    };
  }

  static ObjectNode term(String field, String value) {
    ObjectNode query = NODES.objectNode();
    query.putObject("term").putObject(field).put("value", value);
    return query;
  }

  static ObjectNode term(String field, boolean value) {
    ObjectNode query = NODES.objectNode();
    query.putObject("term").putObject(field).put("value", value);
    return query;
  }

  static ObjectNode terms(String field, Collection<String> values) {
    ObjectNode query = NODES.objectNode();
    ArrayNode array = query.putObject("terms").putArray(field);
    values.forEach(array::add);
    return query;
  }

  /** {@code field op millis}, with {@code op} one of gte, lte. */
  static ObjectNode range(String field, String op, long millis) {
    ObjectNode query = NODES.objectNode();
    query.putObject("range").putObject(field).put(op, millis).put("format", "epoch_millis");
    return query;
  }

  /**
   * {@code from <= field <= to}, an end left open when it is {@link Long#MIN_VALUE} or {@link Long#MAX_VALUE} (a date
   * field takes neither).
   */
  static ObjectNode between(String field, long from, long to) {
    ObjectNode query = NODES.objectNode();
    ObjectNode range = query.putObject("range").putObject(field);
    if (from != Long.MIN_VALUE) {
      range.put("gte", from);
    }
    if (to != Long.MAX_VALUE) {
      range.put("lte", to);
    }
    range.put("format", "epoch_millis");
    return query;
  }

  static ObjectNode matchNone() {
    ObjectNode query = NODES.objectNode();
    query.putObject("match_none");
    return query;
  }

  /** A bool query whose clauses all filter. */
  static ObjectNode allOf(ObjectNode... clauses) {
    ObjectNode query = NODES.objectNode();
    ArrayNode filters = query.putObject("bool").putArray("filter");
    for (ObjectNode clause : clauses) {
      filters.add(clause);
    }
    return query;
  }
}
