package org.smtptrail.engine.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
import org.smtptrail.core.event.Unparsed;
import org.smtptrail.core.smtp.SmtpReply;

/**
 * Writes an event in the compact stored form. Layout: the {@link #VERSION} byte, the kind's tag byte, the header
 * (file, line number, byte offset, line text, time, host, format, program, local id), then the kind's own fields in
 * record order. Numbers are variable-length (zig-zag where they may be negative); a boolean or an enum is one byte.
 *
 * <p>Almost every string field of an event is a piece of its line (a recipient, a relay, a reply), so a string found
 * in the line's text is written as a reference, its start and length in the text, instead of its bytes: the line is
 * stored once, not three times as in JSON, and the decoder takes the piece with {@code substring}. A string is written
 * as {@code 0} (null), as {@code start * 2 + 1} then its length (a reference), or as {@code (bytes + 1) * 2} then
 * its UTF-8 bytes. One encoder per thread: it reuses its buffer.
 */
final class CompactEventEncoder {
  /** First byte of every compact event; JSON events start with '{'. */
  static final byte VERSION = 1;

  private byte[] buffer = new byte[512];
  private int length;
  private String text;

  byte[] encode(LogEvent event) {
    length = 0;
    EventHeader header = event.header();
    text = header.source().text();
    writeByte(VERSION);
    writeByte(tag(event));
    writeLiteral(header.source().file());
    writeVLong(header.source().lineNumber());
    writeVLong(header.source().byteOffset());
    writeLiteral(text);
    if (header.time() == null) {
      writeByte(0);
    } else {
      writeByte(1);
      writeZigZag(header.time().getEpochSecond());
      writeVLong(header.time().getNano());
    }
    writeString(header.host());
    writeString(header.format());
    writeString(header.program());
    writeString(header.localId());
    writeFields(event);
    return Arrays.copyOf(buffer, length);
  }

  /** The tag of each kind: stored in indexes, so a tag is never reused or renumbered. */
  static byte tag(LogEvent event) {
    return switch (event) {
      case Received r -> 1;
      case MessageIdentified m -> 2;
      case Queued q -> 3;
      case DeliveryAttempt d -> 4;
      case Rejected r -> 5;
      case Expired x -> 6;
      case Linked l -> 7;
      case Removed r -> 8;
      case Observation o -> 9;
      case Unparsed u -> 10;
      case Probed p -> 11;
      case Discarded d -> 12;
    };
  }

  private void writeFields(LogEvent event) {
    switch (event) {
      case Received r -> {
        writeString(r.client());
        writeString(r.authenticatedUser());
      }
      case MessageIdentified m -> writeString(m.messageId());
      case Queued q -> {
        writeString(q.sender());
        writeZigZag(q.size());
        writeZigZag(q.recipientCount());
      }
      case DeliveryAttempt d -> {
        writeString(d.recipient());
        writeString(d.originalRecipient());
        writeByte(status(d.status()));
        writeByte(d.local() ? 1 : 0);
        writeRelay(d.relay());
        writeReply(d.reply());
        writeString(d.detail());
        writeFixedLong(Double.doubleToRawLongBits(d.delaySeconds()));
      }
      case Rejected r -> {
        writeString(r.recipient());
        writeString(r.sender());
        writeString(r.client());
        writeString(r.stage());
        writeReply(r.reply());
      }
      case Discarded d -> {
        writeString(d.recipient());
        writeString(d.originalRecipient());
        writeString(d.sender());
        writeString(d.client());
        writeString(d.rule());
        writeString(d.reason());
      }
      case Expired x -> writeString(x.sender());
      case Linked l -> {
        writeString(l.recipient());
        writeString(l.linkedLocalId());
        writeByte(reason(l.reason()));
      }
      case Removed r -> writeByte(r.byAdministrator() ? 1 : 0);
      case Observation o -> {
        writeString(o.recipient());
        writeString(o.what());
        if (o.relay() != null) {
          writeRelay(o.relay()); // only when there is one: an observation stored before relays were kept ends here
        }
      }
      case Unparsed u -> writeString(u.expected());
      case Probed p -> {
        writeString(p.recipient());
        writeByte(p.deliverable() ? 1 : 0);
        writeRelay(p.relay());
        writeReply(p.reply());
        writeString(p.detail());
      }
    }
  }

  /** Stored codes of {@link DeliveryStatus}: fixed here, whatever the enum's order becomes. */
  static int status(DeliveryStatus status) {
    return switch (status) {
      case SENT -> 0;
      case DEFERRED -> 1;
      case BOUNCED -> 2;
      case EXPIRED -> 3;
    };
  }

  /** Stored codes of {@link LinkReason}, fixed as {@link #status}. */
  static int reason(LinkReason reason) {
    return switch (reason) {
      case NON_DELIVERY_NOTICE -> 0;
      case DELAY_NOTICE -> 1;
      case SUCCESS_NOTICE -> 2;
      case FORWARDED -> 3;
      case REQUEUED -> 4;
      case SAME_MESSAGE -> 5;
    };
  }

  private void writeRelay(Relay relay) {
    if (relay == null) {
      writeByte(0);
      return;
    }
    writeByte(1);
    writeString(relay.name());
    writeString(relay.address());
    writeZigZag(relay.port());
  }

  private void writeReply(SmtpReply reply) {
    if (reply == null) {
      writeByte(0);
      return;
    }
    writeByte(1);
    writeZigZag(reply.code());
    writeString(reply.enhancedStatus());
    writeString(reply.text());
  }

  /** A string, as a reference into the line's text where it occurs there. */
  private void writeString(String value) {
    if (value == null) {
      writeByte(0);
      return;
    }
    int start = value.isEmpty() ? -1 : text.indexOf(value);
    if (start < 0) {
      writeLiteral(value);
    } else {
      writeVLong(start * 2L + 1);
      writeVLong(value.length());
    }
  }

  /**
   * Through {@code getBytes}, a copy per literal: encoding straight into the buffer with Lucene's {@code UnicodeUtil}
   * (two passes, char by char) allocated 0.8 GB less per 3.85 M lines but doubled this encoder's CPU samples, while
   * {@code getBytes} of an ASCII line is an intrinsic array copy (benchmarks/RESULTS.md).
   */
  private void writeLiteral(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeVLong((bytes.length + 1L) * 2);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void writeZigZag(long value) {
    writeVLong((value << 1) ^ (value >> 63));
  }

  private void writeVLong(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buffer[length++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[length++] = (byte) value;
  }

  private void writeFixedLong(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[length++] = (byte) (value >>> shift);
    }
  }

  private void writeByte(int value) {
    ensure(1);
    buffer[length++] = (byte) value;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
