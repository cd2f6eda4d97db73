package org.smtptrail.cli.options;

import java.io.IOException;
import java.nio.file.Path;
import org.smtptrail.cli.config.ConfiguredStore;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.store.Store;
import org.smtptrail.store.opensearch.OpenSearchStore;
import org.smtptrail.store.opensearch.StoreAccess;
import picocli.CommandLine.Option;

/**
 * {@code --store URL}: where events and verdict rows are kept. Absent (and no {@code $SMTPTRAIL_STORE}): the local
 * index in the data folder, as always. An OpenSearch URL ({@code http://127.0.0.1:9200}, with an index prefix after
 * it if several installations share a cluster: {@code https://os1:9200/smtptrail}, and several nodes with commas:
 * {@code https://os1:9200,os2:9200/smtptrail}) keeps them there, so agents on many mail servers feed one cluster; the
 * data folder still holds what each agent keeps for itself (checkpoints, messages in flight). A cluster that wants
 * credentials gets them from an owner-only file ({@code --store-credentials}), never from the command line, which
 * every user of the machine can read in the process list.
 */
public final class StoreMixin {
  @Option(names = "--store", paramLabel = "URL",
      description = "Keep events and verdict rows in OpenSearch at URL (http://127.0.0.1:9200, an index prefix may"
          + " follow: /smtptrail; several nodes with commas: https://os1:9200,os2:9200/smtptrail) instead of the data"
          + " folder's index; --data still holds this agent's checkpoints. Default: $SMTPTRAIL_STORE, else store: in"
          + " the --config file (index, tail, serve), else the data folder's index.")
  String store;

  @Option(names = "--store-credentials", paramLabel = "FILE",
      description = "The store's credentials: an owner-only (chmod 600) YAML file with username: and password:, or"
          + " api_key:. Default: $SMTPTRAIL_STORE_CREDENTIALS, else store_credentials: in the --config file (index,"
          + " tail, serve).")
  Path credentials;

  @Option(names = "--store-ca", paramLabel = "FILE",
      description = "PEM file of the CA that signed the store's TLS certificate, when the JVM does not trust it"
          + " already. Default: $SMTPTRAIL_STORE_CA, else store_ca: in the --config file (index, tail, serve).")
  Path ca;

  /** The store the command reads and writes. */
  public Store store() throws IOException {
    return store(ConfiguredStore.NONE);
  }

  /**
   * The store of a command that read a configuration file: each setting from the command line, else the environment,
   * else the file ({@code configured}); no URL anywhere is the data folder's index.
   *
   * @throws IllegalArgumentException when credentials or a CA are given for the data folder's index, or a file is
   *                                  refused ({@link StoreAccess#of})
   */
  public Store store(ConfiguredStore configured) throws IOException {
    String url = firstOf(store, System.getenv("SMTPTRAIL_STORE"), configured.url());
    Path credentialsFile = firstOf(credentials, path(System.getenv("SMTPTRAIL_STORE_CREDENTIALS")),
        configured.credentials());
    Path caFile = firstOf(ca, path(System.getenv("SMTPTRAIL_STORE_CA")), configured.ca());
    if (url == null) {
      if (credentials != null || ca != null) {
        throw new IllegalArgumentException("--store-credentials and --store-ca are for a store elsewhere: give its"
            + " --store URL too");
      }
      return LocalStore.DEFAULT;
    }
    return OpenSearchStore.of(url).withAccess(StoreAccess.of(credentialsFile, caFile));
  }

  private static String firstOf(String... choices) {
    for (String choice : choices) {
      if (choice != null && !choice.isBlank()) {
        return choice.strip();
      }
    }
    return null;
  }

  private static Path firstOf(Path... choices) {
    for (Path choice : choices) {
      if (choice != null) {
        return choice;
      }
    }
    return null;
  }

  private static Path path(String value) {
    return value == null || value.isBlank() ? null : Path.of(value.strip());
  }
}
