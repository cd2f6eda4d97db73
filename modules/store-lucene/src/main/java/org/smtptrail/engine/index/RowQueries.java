package org.smtptrail.engine.index;

import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.smtptrail.engine.store.AddressPattern;
import org.smtptrail.engine.store.RowFilter;
import org.smtptrail.engine.store.RowGroup;

/** A {@link RowFilter} as a query on the stored rows ({@link RowSchema}): exact terms and ranges only. */
final class RowQueries {
  static final Query ROWS = term(RowSchema.TYPE, RowSchema.ROW);

  private RowQueries() {}

  /** The rows matching every filter of {@code filter}. */
  static Query of(RowFilter filter) {
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(ROWS, Occur.FILTER);
    if (filter.keys() != null) {
      query.add(filter.keys().isEmpty() ? new MatchNoDocsQuery()
          : new TermInSetQuery(RowSchema.KEY, filter.keys().stream().map(BytesRef::new).toList()), Occur.FILTER);
    }
    if (filter.recipient() != null) {
      query.add(address(filter.recipient(), RowSchema.ADDRESS, RowSchema.ADDRESS_DOMAIN), Occur.FILTER);
    }
    if (filter.sender() != null) {
      query.add(address(filter.sender(), RowSchema.SENDER, null), Occur.FILTER);
    }
    if (filter.domain() != null) {
      query.add(term(RowSchema.ADDRESS_DOMAIN, filter.domain()), Occur.FILTER);
    }
    if (filter.verdict() != null) {
      query.add(orForwarded(term(RowSchema.VERDICT, filter.verdict().name()), filter), Occur.FILTER);
    }
    if (filter.hasTimeRange()) {
      query.add(orForwarded(timeRange(filter), filter), Occur.FILTER);
    }
    return query.build();
  }

  private static Query orForwarded(Query query, RowFilter filter) {
    if (!filter.keepForwarded()) {
      return query;
    }
    return new BooleanQuery.Builder()
        .add(query, Occur.SHOULD)
        .add(term(RowSchema.FORWARDED, "1"), Occur.SHOULD)
        .build();
  }

  /** Last event at or after {@code since}, message started at or before {@code until}. */
  private static Query timeRange(RowFilter filter) {
    BooleanQuery.Builder range = new BooleanQuery.Builder();
    if (filter.since() != null) {
      range.add(TimeRange.between(filter.since().toEpochMilli(), Long.MAX_VALUE), Occur.FILTER);
    }
    if (filter.until() != null) {
      // the first event is in doc values only (no points): a range next to selective clauses
      range.add(NumericDocValuesField.newSlowRangeQuery(RowSchema.FIRST_SEEN, Long.MIN_VALUE,
          filter.until().toEpochMilli()), Occur.FILTER);
    }
    return range.build();
  }

  /**
   * The query for a pattern on an address field; {@code domainField} holds each address's domain and its parents,
   * so "*@example.net" is one term there.
   */
  static Query address(AddressPattern pattern, String field, String domainField) {
    if (!pattern.isWildcard()) {
      return term(field, pattern.text());
    }
    if (pattern.wholeDomain() != null && domainField != null) {
      return term(domainField, pattern.wholeDomain());
    }
    try {
      // WildcardQuery's only other special character is the escape; make it literal too
      return new WildcardQuery(new Term(field, pattern.text().replace("\\", "\\\\")),
          AddressPattern.DETERMINIZE_WORK_LIMIT);
    } catch (TooComplexToDeterminizeException e) {
      throw pattern.tooComplex();
    }
  }

  /** The doc values field a scan reads a group from; null for none. */
  static String groupField(RowGroup group) {
    if (group == null) {
      return null;
    }
    return switch (group) {
      case DOMAIN -> RowSchema.GROUP_DOMAIN;
      case RELAY -> RowSchema.GROUP_RELAY;
      case CATEGORY -> RowSchema.GROUP_CATEGORY;
      case HOST -> RowSchema.GROUP_HOST;
      case VERDICT -> RowSchema.VERDICT;
    };
  }

  private static Query term(String field, String value) {
    return new TermQuery(new Term(field, value));
  }
}
