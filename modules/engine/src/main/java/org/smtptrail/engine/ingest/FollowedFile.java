package org.smtptrail.engine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One file the tailer follows, known by device and inode rather than name: it keeps the file open, so lines written
 * after a rename (logrotate's rename + create) or even after a deletion are still read until the writer lets go.
 */
final class FollowedFile {
  /** How much one poll reads from one file, so a long backlog does not hold back commits. */
  private static final int MAX_BYTES_PER_POLL = 1 << 20;

  final Object identity;
  final FileProgress progress;
  private final FileChannel channel;
  private final LineReader reader = new LineReader(InputStream.nullInputStream(), 0);
  Path path;
  boolean detached;
  long lastGrowthNanos;

  FollowedFile(Object identity, Path path, FileProgress progress) throws IOException {
    this.identity = identity;
    this.path = path;
    this.progress = progress;
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.lastGrowthNanos = System.nanoTime();
  }

  /** Current size of the open file (which may no longer have a name). */
  long size() throws IOException {
    return channel.size();
  }

  /**
   * Whether the file still starts with the line it was fingerprinted by: after a copytruncate the writer may have
   * refilled it past our offset before we looked, so the size alone does not tell.
   */
  boolean stillStartsAsBefore() throws IOException {
    byte[] head = new byte[LogFile.FINGERPRINT_BYTES];
    int read = Math.max(0, channel.read(ByteBuffer.wrap(head), 0));
    int length = LogFile.fingerprintLength(head, read);
    return length > 0 && LogFile.ofFirstLine(java.util.Arrays.copyOf(head, length)).equals(progress.fingerprint());
  }

  /** Reads what was appended since the last read, complete lines only; true if anything was read. */
  boolean readNew() throws IOException {
    long before = progress.offset();
    if (channel.size() <= before) {
      return false;
    }
    InputStream window = new ChannelWindow(channel, before, MAX_BYTES_PER_POLL);
    progress.read(reader.reset(window, before), false);
    return progress.offset() > before;
  }

  void close() throws IOException {
    channel.close();
  }

  /** A read-only stream over a window of a channel, by absolute position: the channel itself stays open. */
  private static final class ChannelWindow extends InputStream {
    private final FileChannel channel;
    private long position;
    private long remaining;

    ChannelWindow(FileChannel channel, long position, long length) {
      this.channel = channel;
      this.position = position;
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int read = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
      if (read > 0) {
        position += read;
        remaining -= read;
      }
      return read;
    }
  }
}
