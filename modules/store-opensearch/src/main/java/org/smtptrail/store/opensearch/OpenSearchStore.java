package org.smtptrail.store.opensearch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.store.FreshView;
import org.smtptrail.engine.store.IndexNeedsUpgradeException;
import org.smtptrail.engine.store.LiveStore;
import org.smtptrail.engine.store.Store;
import org.smtptrail.engine.store.StoreReader;
import org.smtptrail.engine.store.StoreWriter;

/**
 * The OpenSearch store: events and verdict rows in a cluster's monthly indices ({@link StoreLayout}), for when one
 * machine's local folder is outgrown and many agents feed one cluster. The data folder still holds each agent's own
 * checkpoints and messages in flight.
 *
 * @param address  the cluster and the index prefix ({@link StoreAddress#parse})
 * @param settings the layout {@link #init()} (or the first writer of an empty cluster) makes
 * @param access   the credentials and the CA the cluster needs
 */
public record OpenSearchStore(StoreAddress address, LayoutSettings settings, StoreAccess access) implements Store {
  /** How long data is kept by default: a year and a month, the span support is asked about. */
  public static final int DEFAULT_RETENTION_DAYS = 400;

  public OpenSearchStore {
    if (!address.prefix().equals(settings.prefix())) {
      throw new IllegalArgumentException("the layout's prefix '" + settings.prefix() + "' is not the URL's '"
          + address.prefix() + "'");
    }
  }

  /**
   * The store at a URL ({@code http://127.0.0.1:9200/smtptrail}), with the default layout: one shard and one replica
   * per monthly index, {@value #DEFAULT_RETENTION_DAYS} days kept.
   */
  public static OpenSearchStore of(String url) {
    StoreAddress address = StoreAddress.parse(url);
    return new OpenSearchStore(address, LayoutSettings.of(address.prefix(), DEFAULT_RETENTION_DAYS), StoreAccess.NONE);
  }

  /** This store reached with credentials and a CA ({@link StoreAccess#of}). */
  public OpenSearchStore withAccess(StoreAccess access) {
    return new OpenSearchStore(address, settings, access);
  }

  /** This store with another layout: data kept {@code days} days, and each new monthly index's shards and replicas. */
  public OpenSearchStore withLayout(int days, int shards, int replicas) {
    return new OpenSearchStore(address, new LayoutSettings(settings.prefix(), days, shards, replicas), access);
  }

  /**
   * Creates or updates the cluster's templates, this month's indices, their aliases and the retention policy
   * ({@code smtptrail store init}); idempotent, so a second run changes nothing.
   *
   * @return what it created, updated, left unchanged or skipped (and why), in the order done
   * @throws StoreRequestException naming the cluster and what to check, when it cannot be reached or refuses
   */
  public List<LayoutChange> init() throws IOException {
    try (StoreConnection connection = StoreConnection.open(address, access)) {
      return new StoreLayout(connection.client(), settings).apply();
    }
  }

  /**
   * Drops the months of the store that ended before {@code cutoff} ({@code smtptrail store prune}): each month's
   * indices deleted whole, the current month never.
   *
   * @param dryRun only say what would be dropped
   * @return the months dropped (or that would be), oldest first
   */
  public List<PrunedMonth> prune(Instant cutoff, boolean dryRun) throws IOException {
    try (StoreConnection connection = StoreConnection.open(address, access)) {
      MonthlyRetention retention = new MonthlyRetention(connection.requests(), connection.names());
      List<PrunedMonth> months = retention.pastLimit(cutoff, Instant.now());
      if (!dryRun) {
        retention.drop(months);
      }
      return months;
    }
  }

  /**
   * Opens a writer; a cluster without this store's layout gets it first, made as {@code store init} makes it (a
   * layout already there is left as it is: its shards, replicas and retention are the operator's).
   *
   * @throws StoreRequestException naming the cluster and what to check, when it cannot be reached or refuses
   */
  @Override
  public StoreWriter openWriter(DataDirectory dataDirectory) throws IOException {
    dataDirectory.create();
    StoreConnection connection = StoreConnection.open(address, access);
    try {
      StoreLayout layout = new StoreLayout(connection.client(), settings);
      if (!layout.exists()) {
        layout.apply();
      }
      return new OpenSearchWriter(connection, agentId(dataDirectory));
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public StoreReader openReader(DataDirectory dataDirectory) throws IOException {
    return new OpenSearchReader(StoreConnection.open(address, access), true, null);
  }

  /**
   * Opens the store for {@code serve}: one connection its requests share.
   *
   * @throws IndexNeedsUpgradeException when an older smtptrail decided its rows (refused at the start, not at a
   *     request)
   */
  @Override
  public LiveStore openLive(DataDirectory dataDirectory, FreshView writerView) throws IOException {
    StoreConnection connection = StoreConnection.open(address, access);
    try (OpenSearchReader reader = new OpenSearchReader(connection, false, null)) {
      if (writerView == null && reader.needsUpgrade()) {
        throw new IndexNeedsUpgradeException("the store at " + this,
            "smtptrail upgrade --store " + this + " --data " + dataDirectory.root());
      }
      return new OpenSearchLive(connection, writerView);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * The agent a data folder belongs to, as the store knows it: this machine's name and the folder's path, as a digest
   * (no path is written to the cluster).
   */
  static String agentId(DataDirectory dataDirectory) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return DocumentIds.digest(DocumentIds.utf8(host),
        DocumentIds.utf8(dataDirectory.root().toAbsolutePath().normalize().toString()));
  }

  /** The store's URL, as a user wrote it and can check it (no credentials are ever in it, nor in this text). */
  @Override
  public String toString() {
    return address.toString();
  }
}
