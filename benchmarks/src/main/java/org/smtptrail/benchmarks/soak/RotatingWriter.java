package org.smtptrail.benchmarks.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Plays a corpus into a live log at a steady rate, the way syslog writes: {@code mail.log} is appended in 10 ms ticks
 * and rotated every {@code rotateEvery} seconds, alternating logrotate's two ways: rename + create (the renamed file
 * is gzipped at the next rotation, like {@code delaycompress}) and copytruncate (copy, then truncate in place). The
 * copy and truncation happen between two writes, so no line is lost by the writer: every line of the corpus reaches
 * some file, and what the tailer misses is its own loss.
 */
final class RotatingWriter {
  private static final int TICKS_PER_SECOND = 100;

  private final Path corpus;
  private final Path log;
  private final int rate;
  private final long rotateEveryNanos;
  final AtomicLong written = new AtomicLong();
  int renames;
  int copytruncates;
  int gzips;
  private int sequence;
  private final Deque<Path> toCompress = new ArrayDeque<>();

  RotatingWriter(Path corpus, Path log, int rate, int rotateEverySeconds) {
    this.corpus = corpus;
    this.log = log;
    this.rate = rate;
    this.rotateEveryNanos = rotateEverySeconds * 1_000_000_000L;
  }

  /** Writes the whole corpus at {@code rate} lines per second (catching up if it fell behind); returns the seconds. */
  double run() throws IOException, InterruptedException {
    long start = System.nanoTime();
    long nextRotation = start + rotateEveryNanos;
    FileChannel out = open();
    StringBuilder batch = new StringBuilder(1 << 20);
    try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      for (long tick = 1; line != null; tick++) {
        long due = (long) rate * tick / TICKS_PER_SECOND;
        batch.setLength(0);
        long lines = 0;
        while (line != null && written.get() + lines < due) {
          batch.append(line).append('\n');
          lines++;
          line = in.readLine();
        }
        write(out, batch);
        written.addAndGet(lines);
        long now = System.nanoTime();
        if (now >= nextRotation) {
          out = rotate(out);
          nextRotation += rotateEveryNanos;
        }
        long sleep = start + tick * 1_000_000_000L / TICKS_PER_SECOND - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
      }
    } finally {
      out.close();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private FileChannel open() throws IOException {
    return FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private static void write(FileChannel out, CharSequence text) throws IOException {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  /** One rotation; the previous rotation's file is compressed first (delaycompress). */
  private FileChannel rotate(FileChannel out) throws IOException {
    while (!toCompress.isEmpty()) {
      gzip(toCompress.poll());
    }
    Path rotated = log.resolveSibling(log.getFileName() + "-" + String.format("%08d", ++sequence));
    if (sequence % 2 == 1) {
      out.close();
      Files.move(log, rotated, StandardCopyOption.ATOMIC_MOVE);
      renames++;
      toCompress.add(rotated);
      return open();
    }
    Files.copy(log, rotated);
    out.truncate(0);
    copytruncates++;
    toCompress.add(rotated);
    return out;
  }

  private void gzip(Path file) throws IOException {
    Path gz = file.resolveSibling(file.getFileName() + ".gz");
    Path partial = file.resolveSibling("." + file.getFileName() + ".gz.tmp"); // hidden until complete
    try (OutputStream zip = new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16)) {
      Files.copy(file, zip);
    }
    Files.move(partial, gz, StandardCopyOption.ATOMIC_MOVE);
    Files.delete(file);
    gzips++;
  }
}
