package org.smtptrail.cli.options;

import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.store.Store;
import org.smtptrail.store.opensearch.OpenSearchStore;
import picocli.CommandLine.Option;

/**
 * {@code --store URL}: where events and verdict rows are kept. Absent (and no {@code $SMTPTRAIL_STORE}): the local
 * index in the data folder, as always. An OpenSearch URL ({@code http://127.0.0.1:9200}, with an index prefix after
 * it if several installations share a cluster: {@code https://os1:9200/smtptrail}) keeps them there, so agents on
 * many mail servers feed one cluster; the data folder still holds what each agent keeps for itself (checkpoints,
 * messages in flight).
 */
public final class StoreMixin {
  @Option(names = "--store", paramLabel = "URL",
      description = "Keep events and verdict rows in OpenSearch at URL (http://127.0.0.1:9200, an index prefix may"
          + " follow: /smtptrail) instead of the data folder's index; --data still holds this agent's checkpoints."
          + " Default: $SMTPTRAIL_STORE, else store: in the --config file (index, tail), else the data folder's"
          + " index.")
  String store;

  /** The store the command reads and writes. */
  public Store store() {
    return store(null);
  }

  /**
   * The store of a command that read a configuration file: {@code --store}, else {@code $SMTPTRAIL_STORE}, else the
   * file's {@code store:} ({@code configured}, may be null), else the data folder's index.
   */
  public Store store(String configured) {
    String url = store != null ? store : System.getenv("SMTPTRAIL_STORE");
    if (url == null || url.isBlank()) {
      url = configured;
    }
    if (url == null || url.isBlank()) {
      return LocalStore.DEFAULT;
    }
    return OpenSearchStore.of(url.strip());
  }

  /** Whether the store is the data folder's own index. */
  public boolean isLocal() {
    return store() instanceof LocalStore;
  }
}
