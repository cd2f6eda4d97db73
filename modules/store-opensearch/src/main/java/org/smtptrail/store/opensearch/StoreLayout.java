package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * Creates or updates the store's layout in a cluster, idempotently, and says what it changed: for each kind of
 * document ({@link DocumentKind}) an index template with a strict mapping, this month's index, the mapping of every
 * month's index, a write alias on this month and a read alias over all months; and a retention policy. What
 * {@code smtptrail store init} runs; a second run finds everything {@link LayoutChange.Outcome#UNCHANGED}.
 *
 * <p>The write alias is moved to the new month's index by the first run of a month: whoever writes runs it when a
 * month begins (or writes to {@link IndexNames#monthly} by its documents' time, which the template also covers).
 */
public final class StoreLayout {
  private final LayoutSettings settings;
  private final IndexNames names;
  private final Clock clock;
  private final Function<DocumentKind, ObjectNode> mappings;
  private final RetentionPolicy retention;
  private final IndexTemplates templates;
  private final MonthlyIndices indices;

  public StoreLayout(OpenSearchClient client, LayoutSettings settings) {
    this(client, settings, Clock.systemUTC(), StoreMappings::mapping);
  }

  /** With another clock (a month's turn) or other mappings (a mapping that changed), for the tests. */
  StoreLayout(OpenSearchClient client, LayoutSettings settings, Clock clock,
      Function<DocumentKind, ObjectNode> mappings) {
    this.settings = settings;
    this.names = new IndexNames(settings.prefix());
    this.clock = clock;
    this.mappings = mappings;
    ClusterRequests requests = new ClusterRequests(client);
    this.retention = new RetentionPolicy(requests, names, settings);
    this.templates = new IndexTemplates(requests, names, settings);
    this.indices = new MonthlyIndices(requests, names);
  }

  public LayoutSettings settings() {
    return settings;
  }

  public IndexNames names() {
    return names;
  }

  /**
   * Whether the cluster has this store's templates, made by {@code store init} or a first writer: a writer then
   * leaves the layout as it is, so the shards, replicas and retention an operator chose with {@code store init} stay
   * (new months' indices take them from the templates).
   */
  public boolean exists() throws IOException {
    for (DocumentKind kind : DocumentKind.values()) {
      if (!templates.exists(kind)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Brings the cluster's layout to this version's, in an order that leaves nothing half made for a writer: the
   * policy first (an index gets its policy when it is created), then the templates (an index gets its mapping when it
   * is created), then the indices and their aliases.
   *
   * @return what was created, updated, found unchanged or skipped, in that order of work
   * @throws StoreLayoutException when the cluster refuses a part (its reason names the field of a mapping conflict)
   */
  public List<LayoutChange> apply() throws IOException {
    List<LayoutChange> changes = new ArrayList<>();
    changes.add(retention.ensure());
    for (DocumentKind kind : DocumentKind.values()) {
      changes.add(templates.ensure(kind, mappings.apply(kind)));
    }
    for (DocumentKind kind : DocumentKind.values()) {
      changes.addAll(indices.ensure(kind, mappings.apply(kind), clock.instant()));
    }
    return List.copyOf(changes);
  }
}
