package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch.indices.get_alias.IndexAliases;
import org.smtptrail.store.opensearch.LayoutChange.Outcome;

/**
 * The store's layout on a real node: made on the first run and found unchanged on the second, a changed mapping
 * reported and put on the existing months, strict mappings that refuse an unknown field, aliases that resolve, and
 * the write alias moved when a month begins. Each test has an index prefix of its own on the shared node.
 */
@ExtendWith(SharedOpenSearch.class)
class StoreLayoutIT {
  private static final Instant NOVEMBER = Instant.parse("2026-11-15T10:00:00Z");
  private static final Instant DECEMBER = Instant.parse("2026-12-01T00:00:01Z");

  @Test
  void firstRunCreatesTheLayoutAndTheSecondChangesNothing(OpenSearchCluster cluster) throws IOException {
    OpenSearchClient client = cluster.client();
    StoreLayout layout = layout(client, "it-first", NOVEMBER, StoreMappings::mapping);

    List<LayoutChange> first = layout.apply();
    List<LayoutChange> second = layout.apply();

    assertThat(first.get(0)).isEqualTo(expectedRetention(client, "it-first-retention", Outcome.CREATED));
    assertThat(first.subList(1, first.size())).extracting(LayoutChange::toString).containsExactly(
        "created template it-first-events",
        "created template it-first-rows",
        "created index it-first-events-2026.11",
        "unchanged mappings of it-first-events-*: 1 index",
        "created write alias it-first-events-write: on it-first-events-2026.11",
        "created index it-first-rows-2026.11",
        "unchanged mappings of it-first-rows-*: 1 index",
        "created write alias it-first-rows-write: on it-first-rows-2026.11");
    assertThat(second).as("second run").noneMatch(LayoutChange::changed);
    assertThat(second.subList(1, second.size())).extracting(LayoutChange::outcome).containsOnly(Outcome.UNCHANGED);
  }

  @Test
  void aChangedMappingIsReportedAndPutOnTheExistingMonths(OpenSearchCluster cluster) throws IOException {
    OpenSearchClient client = cluster.client();
    layout(client, "it-changed", NOVEMBER, StoreMappings::mapping).apply();
    StoreLayout newer = layout(client, "it-changed", NOVEMBER, kind -> {
      ObjectNode mapping = StoreMappings.mapping(kind);
      if (kind == DocumentKind.EVENTS) {
        ((ObjectNode) mapping.get("properties")).putObject("smtptrail.added").put("type", "keyword");
      }
      return mapping;
    });

    List<LayoutChange> changes = newer.apply();

    assertThat(changes).filteredOn(LayoutChange::changed).extracting(LayoutChange::toString).containsExactly(
        "updated template it-changed-events",
        "updated mapping of index it-changed-events-2026.11");
    assertThat(newer.apply()).as("the newer layout again").noneMatch(LayoutChange::changed);
    client.index(index -> index.index("it-changed-events-write").id("1").refresh(Refresh.True)
        .document(Map.of("smtptrail.added", "yes")));
    assertThat(client.count(count -> count.index("it-changed-events").query(query -> query.term(term -> term
        .field("smtptrail.added").value(FieldValue.of("yes"))))).count()).isEqualTo(1);
  }

  @Test
  void strictMappingsTakeEveryFieldAndRefuseAnyOther(OpenSearchCluster cluster) throws IOException {
    OpenSearchClient client = cluster.client();
    StoreLayout layout = layout(client, "it-strict", NOVEMBER, StoreMappings::mapping);
    layout.apply();

    for (DocumentKind kind : DocumentKind.values()) {
      String alias = layout.names().writeAlias(kind);
      Map<String, Object> full = everyField(kind);
      client.index(index -> index.index(alias).id("full").refresh(Refresh.True).document(full));
      Map<String, Object> unknown = new HashMap<>(full);
      unknown.put("smtptrail.unknown", "x");
      Map<String, Object> wrongType = new HashMap<>(full);
      wrongType.put("@timestamp", "not a time");

      assertThat(client.get(get -> get.index(alias).id("full"), Map.class).found()).as("%s", kind).isTrue();
      assertThatThrownBy(() -> client.index(index -> index.index(alias).id("unknown").document(unknown)))
          .as("%s with an unknown field", kind).isInstanceOf(OpenSearchException.class)
          .hasMessageContaining("strict_dynamic_mapping_exception").hasMessageContaining("unknown");
      assertThatThrownBy(() -> client.index(index -> index.index(alias).id("wrong").document(wrongType)))
          .as("%s with a time that is none", kind).isInstanceOf(OpenSearchException.class)
          .hasMessageContaining("@timestamp");
    }
  }

  @Test
  void aliasesResolveToTheMonths(OpenSearchCluster cluster) throws IOException {
    OpenSearchClient client = cluster.client();
    StoreLayout layout = layout(client, "it-alias", NOVEMBER, StoreMappings::mapping);
    layout.apply();
    IndexNames names = layout.names();
    String october = names.monthly(DocumentKind.EVENTS, YearMonth.of(2026, 10));
    String november = names.monthly(DocumentKind.EVENTS, NOVEMBER);

    client.index(index -> index.index(names.writeAlias(DocumentKind.EVENTS)).id("now").refresh(Refresh.True)
        .document(Map.of(EventFields.KEY, "postfix:mx1:a1")));
    // a writer that writes by its documents' month creates that month's index, from the template
    client.index(index -> index.index(october).id("then").refresh(Refresh.True)
        .document(Map.of(EventFields.KEY, "postfix:mx1:b2")));

    Map<String, IndexAliases> read = client.indices().getAlias(alias -> alias
        .name(names.readAlias(DocumentKind.EVENTS))).result();
    Map<String, IndexAliases> write = client.indices().getAlias(alias -> alias
        .name(names.writeAlias(DocumentKind.EVENTS))).result();
    assertThat(read).containsOnlyKeys(october, november);
    assertThat(write).containsOnlyKeys(november);
    assertThat(write.get(november).aliases().get(names.writeAlias(DocumentKind.EVENTS)).isWriteIndex()).isTrue();
    assertThat(client.count(count -> count.index(names.readAlias(DocumentKind.EVENTS))).count()).isEqualTo(2);
    assertThat(client.indices().getMapping(mapping -> mapping.index(october)).result().get(october).mappings()
        .dynamic()).as("the month made by a write").isEqualTo(DynamicMapping.Strict);
    assertThat(client.count(count -> count.index(names.readAlias(DocumentKind.ROWS))).count()).isZero();
  }

  @Test
  void theFirstRunOfAMonthMovesTheWriteAlias(OpenSearchCluster cluster) throws IOException {
    OpenSearchClient client = cluster.client();
    layout(client, "it-roll", NOVEMBER, StoreMappings::mapping).apply();
    StoreLayout december = layout(client, "it-roll", DECEMBER, StoreMappings::mapping);

    List<LayoutChange> changes = december.apply();

    assertThat(changes).filteredOn(LayoutChange::changed).extracting(LayoutChange::toString).containsExactly(
        "created index it-roll-events-2026.12",
        "updated write alias it-roll-events-write: moved from it-roll-events-2026.11 to it-roll-events-2026.12",
        "created index it-roll-rows-2026.12",
        "updated write alias it-roll-rows-write: moved from it-roll-rows-2026.11 to it-roll-rows-2026.12");
    assertThat(december.apply()).noneMatch(LayoutChange::changed);
    assertThat(client.indices().getAlias(alias -> alias.name("it-roll-events")).result())
        .containsOnlyKeys("it-roll-events-2026.11", "it-roll-events-2026.12");
  }

  private static StoreLayout layout(OpenSearchClient client, String prefix, Instant now,
      Function<DocumentKind, ObjectNode> mappings) {
    // one node: replicas would leave every index yellow
    return new StoreLayout(client, new LayoutSettings(prefix, 30, 1, 0), Clock.fixed(now, ZoneOffset.UTC), mappings);
  }

  /** The retention line: skipped with its reason on a cluster without ISM (the integ-test zip has none). */
  private static LayoutChange expectedRetention(OpenSearchClient client, String policy, Outcome withIsm)
      throws IOException {
    boolean ism = client.cat().plugins().valueBody().stream()
        .anyMatch(plugin -> RetentionPolicy.ISM_PLUGIN.equals(plugin.component()));
    return ism ? LayoutChange.of(withIsm, "retention policy " + policy)
        : new LayoutChange(Outcome.SKIPPED, "retention policy " + policy, "the cluster has no index management"
            + " plugin (opensearch-index-management), so indices are not deleted by the cluster after 30 days; run"
            + " 'smtptrail store prune --older-than 30d' daily, or install the plugin on every node and run store init"
            + " again");
  }

  /** A document with a value of its type in every field of a kind's mapping. */
  private static Map<String, Object> everyField(DocumentKind kind) {
    Map<String, Object> document = new HashMap<>();
    StoreMappings.fieldTypes(kind).forEach((field, type) -> document.put(field, switch (type) {
      case StoreMappings.KEYWORD -> List.of("john@example.net", "mx.example.net");
      case StoreMappings.DATE -> 1_795_000_000_000L;
      case StoreMappings.LONG -> 42L;
      case StoreMappings.INTEGER -> 7;
      case StoreMappings.BOOLEAN -> true;
      case StoreMappings.BINARY -> List.of("AAEC", "AwQF"); // base64: a document holds several events
      default -> throw new IllegalArgumentException("no sample value for " + type);
    }));
    return document;
  }
}
