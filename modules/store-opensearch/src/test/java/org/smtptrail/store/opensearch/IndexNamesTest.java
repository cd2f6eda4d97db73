package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexNamesTest {
  private final IndexNames names = new IndexNames("smtptrail");

  @Test
  void eachKindHasATemplateAPatternAndTwoAliases() {
    assertThat(names.template(DocumentKind.EVENTS)).isEqualTo("smtptrail-events");
    assertThat(names.pattern(DocumentKind.ROWS)).isEqualTo("smtptrail-rows-*");
    assertThat(names.readAlias(DocumentKind.EVENTS)).isEqualTo("smtptrail-events");
    assertThat(names.writeAlias(DocumentKind.ROWS)).isEqualTo("smtptrail-rows-write");
    assertThat(names.retentionPolicy()).isEqualTo("smtptrail-retention");
  }

  @Test
  void monthsAreUtcMonths() {
    // 23:30 on 30 November in New York is 1 December in UTC: every agent names that month the same way
    assertThat(names.monthly(DocumentKind.EVENTS, Instant.parse("2026-12-01T04:30:00Z")))
        .isEqualTo("smtptrail-events-2026.12");
    assertThat(names.monthly(DocumentKind.ROWS, Instant.parse("2026-01-31T23:59:59.999Z")))
        .isEqualTo("smtptrail-rows-2026.01");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Smtptrail", "-mail", "_mail", "mail*", "mail,other", "mail trail"})
  void aPrefixThatIsNoIndexNameIsRefused(String prefix) {
    assertThatThrownBy(() -> LayoutSettings.of(prefix, 30)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index prefix");
  }

  @Test
  void retentionShardsAndReplicasMustMakeSense() {
    assertThatThrownBy(() -> LayoutSettings.of("mail", 0)).hasMessageContaining("retention");
    assertThatThrownBy(() -> new LayoutSettings("mail", 30, 0, 1)).hasMessageContaining("shard");
    assertThatThrownBy(() -> new LayoutSettings("mail", 30, 1, -1)).hasMessageContaining("replicas");
    assertThat(LayoutSettings.of("mail.eu_1-a", 30)).isEqualTo(new LayoutSettings("mail.eu_1-a", 30, 1, 1));
  }
}
