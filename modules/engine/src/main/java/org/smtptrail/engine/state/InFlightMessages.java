package org.smtptrail.engine.state;

import java.util.function.Predicate;
import net.openhft.chronicle.map.ChronicleMap;

/** The correlator's messages in flight, off the heap in a Chronicle Map, so they survive restarts and rotations. */
public final class InFlightMessages implements CorrelationState {
  private static final char SEPARATOR = '\u0001';

  private final ChronicleMap<String, String> map;

  InFlightMessages(ChronicleMap<String, String> map) {
    this.map = map;
  }

  @Override
  public MessageEntry get(String localId) {
    String value = map.get(localId);
    return value == null ? null : decode(value);
  }

  @Override
  public void put(String localId, MessageEntry entry) {
    map.put(localId, entry.key() + SEPARATOR + entry.lastSeen() + SEPARATOR + (entry.ended() ? '1' : '0'));
  }

  @Override
  public void removeIf(Predicate<MessageEntry> stale) {
    map.entrySet().removeIf(e -> stale.test(decode(e.getValue())));
  }

  @Override
  public int size() {
    return map.size();
  }

  private static MessageEntry decode(String value) {
    int first = value.lastIndexOf(SEPARATOR, value.length() - 3);
    return new MessageEntry(value.substring(0, first),
        Long.parseLong(value.substring(first + 1, value.length() - 2)), value.charAt(value.length() - 1) == '1');
  }
}
