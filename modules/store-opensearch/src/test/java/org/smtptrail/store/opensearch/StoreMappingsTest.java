package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoreMappingsTest {

  @ParameterizedTest
  @EnumSource(DocumentKind.class)
  void everyMappingIsStrictAndTypesEveryField(DocumentKind kind) {
    ObjectNode mapping = StoreMappings.mapping(kind);

    assertThat(mapping.path("dynamic").asText()).isEqualTo("strict");
    assertThat(mapping.path("properties").properties()).hasSameSizeAs(StoreMappings.fieldTypes(kind).entrySet())
        .allSatisfy(field -> assertThat(field.getValue().path("type").asText()).as(field.getKey()).isNotEmpty());
  }

  @Test
  void addressesAndIdsAreExactKeywordsUnderTheirEcsNames() {
    assertThat(StoreMappings.fieldTypes(DocumentKind.EVENTS)).contains(
        entry("email.to.address", "keyword"), entry("email.from.address", "keyword"),
        entry("email.message_id", "keyword"), entry("host.name", "keyword"), entry("log.file.path", "keyword"),
        entry("@timestamp", "date"), entry("log.offset", "long"), entry("smtptrail.event", "binary"));
    assertThat(StoreMappings.fieldTypes(DocumentKind.ROWS)).contains(
        entry("email.to.address", "keyword"), entry("event.outcome", "keyword"),
        entry("smtptrail.verdict", "keyword"), entry("@timestamp", "date"), entry("smtptrail.size", "long"));
  }

  @Test
  void aKeywordTooLongForLuceneIsKeptButNotIndexed() {
    JsonNode recipient = StoreMappings.mapping(DocumentKind.ROWS).path("properties").path(RowFields.RECIPIENT);

    assertThat(recipient.path("ignore_above").asInt()).isEqualTo(8191);
    assertThat(8191 * 4).as("UTF-8 bytes at most").isLessThanOrEqualTo(32766);
  }

  @Test
  void theFingerprintFollowsTheMapping() {
    ObjectNode mapping = StoreMappings.mapping(DocumentKind.EVENTS);
    ObjectNode changed = mapping.deepCopy();
    ((ObjectNode) changed.get("properties")).putObject("smtptrail.added").put("type", "keyword");

    assertThat(Fingerprints.of(mapping)).isEqualTo(Fingerprints.of(StoreMappings.mapping(DocumentKind.EVENTS)))
        .hasSize(16).isNotEqualTo(Fingerprints.of(changed));
    assertThat(Fingerprints.in(IndexTemplates.withFingerprint(mapping))).isEqualTo(Fingerprints.of(mapping));
  }
}
