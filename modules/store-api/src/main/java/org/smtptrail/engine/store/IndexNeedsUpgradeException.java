package org.smtptrail.engine.store;

import java.io.IOException;
import org.smtptrail.engine.DataDirectory;

/**
 * A query met an index whose verdicts are not stored, or were decided by older rules: an older smtptrail wrote it.
 * Queries answer from the stored rows only, so it is upgraded first, once ({@code smtptrail upgrade}, or the first
 * {@code index} or {@code tail} that opens it), rather than answered another, slower way.
 */
public final class IndexNeedsUpgradeException extends IOException {
  public IndexNeedsUpgradeException(DataDirectory dataDirectory) {
    this("the index in " + dataDirectory.root(), "smtptrail upgrade --data " + dataDirectory.root());
  }

  /**
   * @param what    the store, as the user knows it ("the store at http://os1:9200/smtptrail")
   * @param upgrade the command that upgrades it
   */
  public IndexNeedsUpgradeException(String what, String upgrade) {
    super(what + " was written by an older smtptrail (its verdicts are not stored, or were decided by older rules):"
        + " run " + upgrade + " once (index and tail also do it before they read), then ask again");
  }
}
