package org.smtptrail.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.smtptrail.core.event.LogEvent;

/**
 * Stores a {@link LogEvent} in its document and reads it back. Events are written in a compact binary form
 * ({@link CompactEventEncoder}: about a third of the bytes of JSON, and far cheaper to write, which matters because
 * every indexed line is encoded once and its bytes compressed twice, see benchmarks/RESULTS.md). Indexes written
 * before hold JSON ({@link JsonEvents}); the first byte tells the two apart (JSON starts with '{'), so both are read.
 */
public final class EventCodec {
  private static final ThreadLocal<CompactEventEncoder> ENCODER = ThreadLocal.withInitial(CompactEventEncoder::new);

  private EventCodec() {}

  public static byte[] encode(LogEvent event) {
    return ENCODER.get().encode(event);
  }

  public static LogEvent decode(byte[] bytes, int offset, int length) {
    try {
      if (length > 0 && bytes[offset] == CompactEventEncoder.VERSION) {
        return new CompactEventDecoder(bytes, offset, length).decode();
      }
      return JsonEvents.decode(bytes, offset, length);
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException("cannot decode a stored event; the index may be from another version",
          e instanceof IOException io ? io : new IOException(e));
    }
  }
}
