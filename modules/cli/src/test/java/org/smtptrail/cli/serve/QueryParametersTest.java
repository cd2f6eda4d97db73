package org.smtptrail.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.verdict.Verdict;

/** {@link QueryParameters}: what a query string may hold, and the 400 each mistake gets. */
class QueryParametersTest {
  private static final Set<String> TAKES = Set.of("to", "since", "limit", "status");
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private static QueryParameters parse(String query) {
    return QueryParameters.parse(query, "/api/x", TAKES);
  }

  @Test
  void valuesAreDecodedAndEmptyOnesAreAbsent() {
    QueryParameters parameters = parse("to=john%40example.net&since=2h&limit=&status=deferred");
    assertThat(parameters.text("to")).isEqualTo("john@example.net");
    assertThat(parameters.time("since", NOW)).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(parameters.integer("limit", 100, 1, 500)).as("empty: the default").isEqualTo(100);
    assertThat(parameters.choice("status", Verdict.class)).isEqualTo(Verdict.DEFERRED);
    assertThat(parse(null).text("to")).isNull();
    assertThat(parse("to=a+b").text("to")).as("a form's + is a space").isEqualTo("a b");
  }

  @Test
  void everyMistakeIsA400NamingTheParameter() {
    assertThatThrownBy(() -> parse("color=red")).isInstanceOfSatisfying(RequestException.class,
        e -> assertThat(e.status()).isEqualTo(400))
        .hasMessage("unknown parameter 'color': /api/x takes limit, since, status, to");
    assertThatThrownBy(() -> parse("to=a&to=b")).hasMessage("parameter 'to' given twice");
    assertThatThrownBy(() -> parse("since=soon").time("since", NOW)).hasMessageStartingWith("since: 'soon' is not");
    assertThatThrownBy(() -> parse("limit=501").integer("limit", 100, 1, 500))
        .hasMessage("limit: expected a whole number from 1 to 500, not '501'");
    assertThatThrownBy(() -> parse("limit=1e3").integer("limit", 100, 1, 500)).hasMessageContaining("'1e3'");
    assertThatThrownBy(() -> parse("status=LOST").choice("status", Verdict.class))
        .hasMessageStartingWith("status: 'LOST' is none of BOUNCED, DEFERRED");
    assertThatThrownBy(() -> parse("to=%E0%A4%A").text("to")).hasMessageStartingWith("malformed query string");
    assertThatThrownBy(() -> parse("").required("to")).hasMessage("parameter 'to' is required");
  }
}
