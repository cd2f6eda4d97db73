package org.smtptrail.store.opensearch;

import java.io.IOException;
import org.smtptrail.engine.store.FreshView;
import org.smtptrail.engine.store.RefreshRounds;

/**
 * The {@link FreshView} of the OpenSearch store: a refresh sends what the writer holds and has OpenSearch make it
 * searchable ({@code _refresh}), so every reader of the store, in this process or not, finds it.
 */
final class OpenSearchView extends RefreshRounds {
  /** What a refresh does: send what is pending, then refresh the indices. */
  @FunctionalInterface
  interface Refresher {
    void refresh() throws IOException;
  }

  private final Refresher refresher;

  OpenSearchView(Refresher refresher) {
    this.refresher = refresher;
  }

  @Override
  protected void takeIn() throws IOException {
    refresher.refresh();
  }
}
