package org.smtptrail.engine.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.DeliveryStatus;
import org.smtptrail.core.event.Discarded;
import org.smtptrail.core.event.EventHeader;
import org.smtptrail.core.event.Expired;
import org.smtptrail.core.event.LinkReason;
import org.smtptrail.core.event.Linked;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.MessageIdentified;
import org.smtptrail.core.event.Observation;
import org.smtptrail.core.event.Probed;
import org.smtptrail.core.event.Queued;
import org.smtptrail.core.event.Received;
import org.smtptrail.core.event.Rejected;
import org.smtptrail.core.event.Relay;
import org.smtptrail.core.event.Removed;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.core.smtp.SmtpReply;

/** Reads one event written by {@link CompactEventEncoder} (see there for the layout); one decoder per event. */
final class CompactEventDecoder {
  private static final DeliveryStatus[] STATUSES = new DeliveryStatus[DeliveryStatus.values().length];
  private static final LinkReason[] REASONS = new LinkReason[LinkReason.values().length];

  static {
    for (DeliveryStatus status : DeliveryStatus.values()) {
      STATUSES[CompactEventEncoder.status(status)] = status;
    }
    for (LinkReason reason : LinkReason.values()) {
      REASONS[CompactEventEncoder.reason(reason)] = reason;
    }
  }

  private final byte[] bytes;
  private final int end;
  private int position;
  private String text;

  CompactEventDecoder(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.position = offset;
    this.end = offset + length;
  }

  LogEvent decode() throws IOException {
    if (readByte() != CompactEventEncoder.VERSION) {
      throw new IOException("not a compact event");
    }
    int tag = readByte();
    String file = readLiteral();
    long lineNumber = readVLong();
    long byteOffset = readVLong();
    text = readLiteral();
    if (file == null || text == null) {
      throw new IOException("an event without its source line");
    }
    Instant time = readByte() == 0 ? null : Instant.ofEpochSecond(readZigZag(), readVLong());
    String host = readString();
    String format = readString();
    EventHeader header = new EventHeader(new SourceLine(file, lineNumber, byteOffset, text), time, host, format,
        readString(), readString());
    LogEvent event = readFields(tag, header);
    if (position != end) {
      throw new IOException((end - position) + " bytes left after a " + event.getClass().getSimpleName());
    }
    return event;
  }

  private LogEvent readFields(int tag, EventHeader header) throws IOException {
    return switch (tag) {
      case 1 -> new Received(header, readString(), readString());
      case 2 -> new MessageIdentified(header, readString());
      case 3 -> new Queued(header, readString(), readZigZag(), (int) readZigZag());
      case 4 -> new DeliveryAttempt(header, readString(), readString(), STATUSES[readByte()], readByte() != 0,
          readRelay(), readReply(), readString(), Double.longBitsToDouble(readFixedLong()));
      case 5 -> new Rejected(header, readString(), readString(), readString(), readString(), readReply());
      case 6 -> new Expired(header, readString());
      case 7 -> new Linked(header, readString(), readString(), REASONS[readByte()]);
      case 8 -> new Removed(header, readByte() != 0);
      case 9 -> new Observation(header, readString(), readString(), position < end ? readRelay() : null);
      case 10 -> new Unparsed(header, readString());
      case 11 -> new Probed(header, readString(), readByte() != 0, readRelay(), readReply(), readString());
      case 12 -> new Discarded(header, readString(), readString(), readString(), readString(), readString(),
          readString());
      default -> throw new IOException("unknown event tag " + tag);
    };
  }

  private Relay readRelay() throws IOException {
    return readByte() == 0 ? null : new Relay(readString(), readString(), (int) readZigZag());
  }

  private SmtpReply readReply() throws IOException {
    return readByte() == 0 ? null : new SmtpReply((int) readZigZag(), readString(), readString());
  }

  private String readString() throws IOException {
    long code = readVLong();
    if ((code & 1) == 0) {
      return literal(code);
    }
    long start = code >>> 1;
    long length = readVLong();
    if (start + length > text.length()) {
      throw new IOException("a reference past the end of the line");
    }
    return text.substring((int) start, (int) (start + length));
  }

  /** A string that is never a reference (file, text). */
  private String readLiteral() throws IOException {
    long code = readVLong();
    if ((code & 1) != 0) {
      throw new IOException("a reference where a literal belongs");
    }
    return literal(code);
  }

  private String literal(long code) throws IOException {
    if (code == 0) {
      return null;
    }
    long length = code / 2 - 1;
    if (length > end - position) {
      throw new IOException("a string past the end of the event");
    }
    String value = new String(bytes, position, (int) length, StandardCharsets.UTF_8);
    position += (int) length;
    return value;
  }

  private long readZigZag() throws IOException {
    long value = readVLong();
    return (value >>> 1) ^ -(value & 1);
  }

  private long readVLong() throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("a number longer than 64 bits");
  }

  private long readFixedLong() throws IOException {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | readByte();
    }
    return value;
  }

  private int readByte() throws IOException {
    if (position >= end) {
      throw new IOException("the event ends early");
    }
    return bytes[position++] & 0xFF;
  }
}
