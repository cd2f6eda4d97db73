package org.smtptrail.engine.state;

import net.openhft.chronicle.map.ChronicleMap;

/**
 * How far each file has been indexed, by content fingerprint: the byte offset just past the last line whose events
 * are committed in the index, and that line's number. Written only after the index commit it describes, so it is
 * never ahead of the index; where it is behind (a crash between the two), the lines from the checkpoint on are read
 * again and their old events are deleted first, so nothing is lost and nothing duplicated.
 */
public final class Checkpoints {
  private final ChronicleMap<String, String> map;

  Checkpoints(ChronicleMap<String, String> map) {
    this.map = map;
  }

  /** The checkpoint of a file, or {@link Checkpoint#START} if it was never indexed. */
  public Checkpoint get(String fingerprint) {
    return Checkpoint.parse(map.get(fingerprint));
  }

  /** Whether a file with this fingerprint was ever indexed. */
  public boolean contains(String fingerprint) {
    return map.containsKey(fingerprint);
  }

  public void put(String fingerprint, Checkpoint checkpoint) {
    map.put(fingerprint, checkpoint.format());
  }

  public long size() {
    return map.longSize();
  }
}
