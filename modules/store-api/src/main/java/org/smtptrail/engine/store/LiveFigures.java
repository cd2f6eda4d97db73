package org.smtptrail.engine.store;

import java.time.Instant;

/**
 * What a {@link LiveStore}'s view holds.
 *
 * @param version   the view's version: it changes whenever the view took in a change (a commit, a refresh of the
 *                  writer's view, a write another agent made)
 * @param events    events (rows not counted)
 * @param unparsed  events of lines no parser could read
 * @param refreshed when the view was last checked for changes (or last took in the writer's), or null
 */
public record LiveFigures(long version, long events, long unparsed, Instant refreshed) {
  /** No store yet. */
  public static final LiveFigures NONE = new LiveFigures(-1, 0, 0, null);
}
