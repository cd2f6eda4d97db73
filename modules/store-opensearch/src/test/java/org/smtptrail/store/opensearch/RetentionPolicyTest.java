package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The ISM policy's body (the integ-test node has no ISM plugin, so this is where the policy itself is checked): every
 * document is kept at least the retention, whole months are deleted, and new indices of both kinds get the policy.
 */
class RetentionPolicyTest {

  @Test
  void deletesAMonthlyIndexOnceItsNewestDocumentIsPastTheRetention() {
    JsonNode policy = policy("smtptrail", 400).path("policy");

    assertThat(policy.path("default_state").asText()).isEqualTo("hot");
    assertThat(policy.at("/states/0/transitions/0/state_name").asText()).isEqualTo("delete");
    assertThat(policy.at("/states/0/transitions/0/conditions/min_index_age").asText()).isEqualTo("431d");
    assertThat(policy.at("/states/1/actions/0").has("delete")).isTrue();
  }

  @Test
  void attachesItselfToNewIndicesOfBothKinds() {
    JsonNode template = policy("mail", 30).at("/policy/ism_template/0");

    assertThat(template.path("index_patterns")).extracting(JsonNode::asText)
        .containsExactly("mail-events-*", "mail-rows-*");
  }

  @Test
  void itsDescriptionChangesWithTheRetention() {
    String thirty = policy("smtptrail", 30).at("/policy/description").asText();
    String sixty = policy("smtptrail", 60).at("/policy/description").asText();

    assertThat(thirty).contains("30 days").contains("layout ").isNotEqualTo(sixty);
    assertThat(policy("smtptrail", 30).at("/policy/description").asText()).isEqualTo(thirty);
  }

  private static JsonNode policy(String prefix, int days) {
    return new RetentionPolicy(null, new IndexNames(prefix), LayoutSettings.of(prefix, days)).body();
  }
}
