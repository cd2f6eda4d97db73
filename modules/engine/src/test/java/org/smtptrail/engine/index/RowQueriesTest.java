package org.smtptrail.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.store.AddressPattern;
import org.smtptrail.engine.store.QueryRefusedException;
import org.smtptrail.engine.store.RowFilter;

class RowQueriesTest {
  @Test
  void anExactAddressIsOneTermAndAWholeDomainTheDomainTerm() {
    assertThat(RowQueries.address(AddressPattern.of("<John@Example.NET>"), "recipient", "recipient_domain"))
        .isEqualTo(new TermQuery(new Term("recipient", "john@example.net")));
    assertThat(RowQueries.address(AddressPattern.of("@Example.net"), "recipient", "recipient_domain").toString())
        .isEqualTo("recipient_domain:example.net");
    assertThat(RowQueries.address(AddressPattern.of("*@example.net"), "sender", null))
        .as("no domain field: the pattern itself").isInstanceOf(WildcardQuery.class);
  }

  @Test
  void twentyThousandStarsAreTheQueryOfOne() {
    assertThat(RowQueries.address(AddressPattern.of("*".repeat(20_000) + "@x"), "sender", null))
        .isEqualTo(RowQueries.address(AddressPattern.of("*@x"), "sender", null));
  }

  /** A pattern nobody checked first is still refused with the reason, never Lucene's exception. */
  @Test
  void aPatternTooComplexForTheAutomatonIsRefusedDuringTheSearch() {
    AddressPattern pattern = AddressPattern.of("*a" + "?".repeat(40));
    assertThatThrownBy(() -> RowQueries.address(pattern, "recipient", "recipient_domain"))
        .isInstanceOf(QueryRefusedException.class).hasMessageStartingWith("this pattern is too complex to search");
  }

  @Test
  void forwardedRowsPassTheVerdictAndTimeFiltersOnlyWhenAsked() {
    RowFilter strict = new RowFilter(null, null, null, null, Verdict.BOUNCED, Instant.EPOCH, null, false);
    RowFilter keeping = new RowFilter(null, null, null, null, Verdict.BOUNCED, Instant.EPOCH, null, true);
    assertThat(RowQueries.of(strict).toString()).doesNotContain(RowSchema.FORWARDED);
    assertThat(countOf(RowQueries.of(keeping).toString(), RowSchema.FORWARDED + ":1")).isEqualTo(2);
  }

  @Test
  void noKeysAtAllMatchNothingAndNoFilterEveryRow() {
    Query none = RowQueries.of(new RowFilter(Set.of(), null, null, null, null, null, null, false));
    assertThat(none.toString()).contains("MatchNoDocsQuery");
    assertThat(RowQueries.of(RowFilter.ALL).toString()).isEqualTo("#" + RowSchema.TYPE + ":" + RowSchema.ROW);
  }

  private static int countOf(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
