package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.store.AddressPattern;
import org.smtptrail.engine.store.RowFilter;

class RowQueriesTest {
  @Test
  void whatUsersTypeIsAValueNeverSyntax() {
    RowFilter filter = new RowFilter(Set.of("k"), AddressPattern.of("a* OR *:*"), AddressPattern.of("x\\y*"),
        "example.net", Verdict.BOUNCED, Instant.EPOCH, Instant.EPOCH, true);
    String json = RowQueries.of(filter).toString();
    assertThat(json).doesNotContain("query_string").contains("\"wildcard\"")
        .contains("\"value\":\"a* or *:*\"").contains("\"value\":\"x\\\\\\\\y*\"");
  }

  @Test
  void exactAddressesAndWholeDomainsAreTerms() {
    assertThat(RowQueries.address(AddressPattern.of("John@Example.net"), RowFields.RECIPIENT,
        RowFields.RECIPIENT_DOMAIN).toString())
        .isEqualTo("{\"term\":{\"email.to.address\":{\"value\":\"john@example.net\"}}}");
    assertThat(RowQueries.address(AddressPattern.of("@example.net"), RowFields.RECIPIENT,
        RowFields.RECIPIENT_DOMAIN).toString())
        .isEqualTo("{\"term\":{\"smtptrail.recipient_domain\":{\"value\":\"example.net\"}}}");
  }

  @Test
  void aRowWithoutAFirstEventPassesUntilAsInTheLocalStore() {
    String json = RowQueries.of(new RowFilter(null, null, null, null, null, null, Instant.EPOCH, false)).toString();
    assertThat(json).contains("\"must_not\":[{\"exists\":{\"field\":\"event.start\"}}]");
  }
}
