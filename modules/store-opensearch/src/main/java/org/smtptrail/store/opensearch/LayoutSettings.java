package org.smtptrail.store.opensearch;

import java.util.regex.Pattern;

/**
 * What a store's layout is made from: the prefix of every name it creates, how long data is kept, and the shape of
 * each new index.
 *
 * @param prefix        the first part of every index, alias, template and policy name ({@value #DEFAULT_PREFIX})
 * @param retentionDays how many days an index is kept before the retention policy deletes it
 * @param shards        primary shards of each new monthly index
 * @param replicas      copies of each shard on other nodes (0 on one node, 1 on a cluster that must survive a node)
 */
public record LayoutSettings(String prefix, int retentionDays, int shards, int replicas) {
  public static final String DEFAULT_PREFIX = "smtptrail";
  /**
   * Index names must be lower case and must not start with '-', '_' or '+' (OpenSearch's rule); the prefix also
   * leaves out '*', ',' and the like, so it can be used in a wildcard pattern of its own.
   */
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9._-]{0,100}");

  public LayoutSettings {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("index prefix '" + prefix
          + "' is not allowed: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
    if (retentionDays < 1) {
      throw new IllegalArgumentException("retention must be at least 1 day, not " + retentionDays);
    }
    if (shards < 1) {
      throw new IllegalArgumentException("an index has at least 1 shard, not " + shards);
    }
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas cannot be negative: " + replicas);
    }
  }

  /** One shard and one replica per monthly index: a month of one kind of document fits a shard comfortably. */
  public static LayoutSettings of(String prefix, int retentionDays) {
    return new LayoutSettings(prefix, retentionDays, 1, 1);
  }
}
