package org.smtptrail.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.smtptrail.engine.store.QueryRefusedException;

/**
 * Every text of a trace a user types is checked when the query is made, before a search: what could match nothing
 * or would cost too much is a {@link QueryRefusedException} naming the parameter as the API does.
 */
class TraceQueryRefusalTest {
  @Test
  void aRefusedPatternNamesItsParameter() {
    assertThatThrownBy(() -> query("*a" + "?".repeat(30), null, null, null, null))
        .isInstanceOfSatisfying(QueryRefusedException.class, refused -> {
          assertThat(refused.parameter()).isEqualTo("to");
          assertThat(refused.getMessage()).startsWith("to: this pattern is too complex to search");
        });
    assertThatThrownBy(() -> query(null, "a*".repeat(17) + "@x", null, null, null))
        .isInstanceOfSatisfying(QueryRefusedException.class,
            refused -> assertThat(refused.getMessage()).startsWith("from: at most 16 '*' in a pattern"));
  }

  @Test
  void aDomainMessageIdOrIdLongerThanAnyThereIsIsRefused() {
    query(null, null, "@" + "d".repeat(TraceQuery.MAX_DOMAIN), "m".repeat(TraceQuery.MAX_MESSAGE_ID),
        "i".repeat(TraceQuery.MAX_ID));
    assertThatThrownBy(() -> query(null, null, "d".repeat(254), null, null))
        .hasMessage("domain: this text has 254 characters, more than any domain name has (at most 253): it would"
            + " match nothing");
    assertThatThrownBy(() -> query(null, null, null, "<" + "m".repeat(999) + ">", null))
        .isInstanceOf(QueryRefusedException.class).hasMessageStartingWith("message_id: this text has 999");
    assertThatThrownBy(() -> query(null, null, null, null, " " + "i".repeat(513)))
        .isInstanceOf(QueryRefusedException.class).hasMessageStartingWith("id: this text has 513");
  }

  @Test
  void whatFitsIsKeptAsTyped() {
    TraceQuery typed = query("**@Example.net", "<mary@example.com>", "example.net", "<x@y>", "3F2A81C0D2");
    assertThat(typed.to()).as("the query keeps the text; the pattern merges runs when searching")
        .isEqualTo("**@Example.net");
  }

  private static TraceQuery query(String to, String from, String domain, String messageId, String id) {
    return new TraceQuery(to, from, domain, messageId, id, null, null, null, 10);
  }
}
