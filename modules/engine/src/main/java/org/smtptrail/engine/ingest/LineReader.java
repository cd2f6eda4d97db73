package org.smtptrail.engine.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines as bytes and knows each line's byte offset, which is what checkpoints and evidence need (a
 * {@link java.io.BufferedReader} hides both). Lines end at '\n'; a trailing '\r' is dropped. Text is decoded as UTF-8
 * and, where that fails, as Latin-1, so a badly encoded subject never loses its line. A line longer than
 * {@link #MAX_LINE_BYTES} is cut there and flagged.
 */
final class LineReader implements Closeable {
  static final int MAX_LINE_BYTES = 1 << 20;

  private InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int position;
  private int limit;
  private long bufferStartOffset;
  private byte[] line = new byte[256];
  private int lineLength;
  private long lineOffset;
  private boolean terminated;
  private boolean truncated;

  LineReader(InputStream in, long startOffset) {
    this.in = in;
    this.bufferStartOffset = startOffset;
  }

  /** Reuses this reader (and its buffers) on another input: the tailer reads each file again on every poll. */
  LineReader reset(InputStream input, long startOffset) {
    this.in = input;
    this.bufferStartOffset = startOffset;
    this.position = 0;
    this.limit = 0;
    return this;
  }

  /** Reads the next line; false at the end of the input. */
  boolean next() throws IOException {
    lineLength = 0;
    truncated = false;
    terminated = false;
    lineOffset = bufferStartOffset + position;
    while (true) {
      if (position == limit && !fill()) {
        return lineLength > 0 || truncated;
      }
      int newline = indexOfNewline(position, limit);
      int end = newline < 0 ? limit : newline;
      append(position, end);
      position = newline < 0 ? limit : newline + 1;
      if (newline >= 0) {
        terminated = true;
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
          lineLength--;
        }
        return true;
      }
    }
  }

  /** Byte offset of the current line's first byte. */
  long lineOffset() {
    return lineOffset;
  }

  /** Byte offset just past the current line (and its newline). */
  long endOffset() {
    return bufferStartOffset + position;
  }

  /** False for a last line without a newline: its writer may not have finished it. */
  boolean terminated() {
    return terminated;
  }

  /** True when the line was longer than {@link #MAX_LINE_BYTES} and was cut. */
  boolean truncated() {
    return truncated;
  }

  /** True when the current line has reached {@link #MAX_LINE_BYTES}: whatever follows until its newline is cut. */
  boolean full() {
    return lineLength >= MAX_LINE_BYTES;
  }

  /** The current line as text. */
  String text() {
    boolean ascii = true;
    for (int i = 0; i < lineLength; i++) {
      if (line[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(line, 0, lineLength));
      return chars.toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
    }
  }

  private boolean fill() throws IOException {
    bufferStartOffset += limit;
    position = 0;
    limit = 0;
    int read = in.read(buffer, 0, buffer.length);
    if (read <= 0) {
      return false;
    }
    limit = read;
    return true;
  }

  private int indexOfNewline(int from, int to) {
    for (int i = from; i < to; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void append(int from, int to) {
    int count = to - from;
    if (lineLength + count > MAX_LINE_BYTES) {
      count = MAX_LINE_BYTES - lineLength;
      truncated = true;
    }
    if (count <= 0) {
      return;
    }
    if (lineLength + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
    }
    System.arraycopy(buffer, from, line, lineLength, count);
    lineLength += count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
