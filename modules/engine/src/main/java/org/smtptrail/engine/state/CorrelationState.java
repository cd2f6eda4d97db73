package org.smtptrail.engine.state;

import java.util.function.Predicate;

/**
 * Where the correlator of the ingest keeps the messages in flight, by local id: state, so it lives here, and the
 * ingest depends on it, not the other way round. The persistent implementation lives off the heap
 * ({@link InFlightMessages}), so a message whose lines straddle a rotation or a restart stays one message, and a
 * huge queue does not grow the heap.
 */
public interface CorrelationState {
  /** The entry of a local id ("format\0host\0localId"), or null. */
  MessageEntry get(String localId);

  void put(String localId, MessageEntry entry);

  /** Removes every entry the predicate accepts. */
  void removeIf(Predicate<MessageEntry> stale);

  int size();

  /** A state that lives and dies with the process (tests, one-off runs). */
  static CorrelationState inMemory() {
    java.util.Map<String, MessageEntry> map = new java.util.HashMap<>();
    return new CorrelationState() {
      @Override
      public MessageEntry get(String localId) {
        return map.get(localId);
      }

      @Override
      public void put(String localId, MessageEntry entry) {
        map.put(localId, entry);
      }

      @Override
      public void removeIf(Predicate<MessageEntry> stale) {
        map.values().removeIf(stale);
      }

      @Override
      public int size() {
        return map.size();
      }
    };
  }
}
