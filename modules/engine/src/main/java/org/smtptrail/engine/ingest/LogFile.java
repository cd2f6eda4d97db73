package org.smtptrail.engine.ingest;

import com.google.common.hash.Hashing;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A log file on disk, plain, gzip-compressed or a zip archive holding one file (recognised by their magic bytes, not
 * their names: admins zip old logs by hand, and Xeams' format note expects it). Offsets are always in the decompressed
 * text, so a file keeps its checkpoint when it is compressed after rotation.
 *
 * @param path the file
 */
record LogFile(Path path) {
  /** Bytes of the first line that identify a file's content, whatever its name. */
  static final int FINGERPRINT_BYTES = 1024;

  private enum Packing { PLAIN, GZIP, ZIP }

  private Packing packing() throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(4);
      if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
        return Packing.GZIP;
      }
      boolean zip = magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
      return zip ? Packing.ZIP : Packing.PLAIN;
    }
  }

  /** True for a gzip file or a zip archive: a compressed rotation, which does not grow. */
  boolean isCompressed() throws IOException {
    return packing() != Packing.PLAIN;
  }

  /** The decompressed content, from the start. */
  InputStream open() throws IOException {
    return switch (packing()) {
      case PLAIN -> new BufferedInputStream(Files.newInputStream(path), 1 << 16);
      case GZIP -> gunzip();
      case ZIP -> unzipOnlyEntry();
    };
  }

  private InputStream gunzip() throws IOException {
    InputStream raw = Files.newInputStream(path);
    try {
      return new GZIPInputStream(raw, 1 << 16);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * The one file in a zip archive. An archive of several files is refused, naming them: its files would each need
   * their own position in a rotated set, and unzipping them is the clearer way.
   */
  private InputStream unzipOnlyEntry() throws IOException {
    ZipFile zip = new ZipFile(path.toFile());
    try {
      List<? extends ZipEntry> files = zip.stream().filter(e -> !e.isDirectory()).toList();
      if (files.size() != 1) {
        throw new IOException("a zip archive of " + files.size() + " files ("
            + String.join(", ", files.stream().limit(4).map(ZipEntry::getName).toList())
            + (files.size() > 4 ? ", ..." : "") + "): only an archive of one log file is read; unzip it first");
      }
      return new FilterInputStream(new BufferedInputStream(zip.getInputStream(files.get(0)), 1 << 16)) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            zip.close();
          }
        }
      };
    } catch (IOException | RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  /** A reader positioned at a byte offset of the decompressed content. */
  LineReader openAt(long offset) throws IOException {
    InputStream in = open();
    try {
      in.skipNBytes(offset);
    } catch (IOException e) {
      in.close();
      throw e;
    }
    return new LineReader(in, offset);
  }

  /**
   * The file's content identity: a hash of its first line (at most 1 KiB). A rotated or compressed copy has the same
   * fingerprint; null while the file has no complete first line yet.
   */
  String fingerprint() throws IOException {
    return fingerprint(false);
  }

  /**
   * The fingerprint of a file read to its end now (batch {@code index}): as {@link #fingerprint()}, and for a file of
   * one line without a newline (an excerpt saved without one, an export) the fingerprint that line will have once its
   * newline is written. The line is read; its checkpoint stays before it, so a later run that finds it complete
   * replaces its events rather than adding them again. Null only for an empty file.
   */
  String wholeFileFingerprint() throws IOException {
    return fingerprint(true);
  }

  private String fingerprint(boolean whole) throws IOException {
    try (InputStream in = open()) {
      byte[] head = new byte[FINGERPRINT_BYTES];
      int read = readUpTo(in, head);
      int length = fingerprintLength(head, read);
      if (length < 0 && whole && read > 0) {
        byte[] completed = Arrays.copyOf(head, read + 1); // read < FINGERPRINT_BYTES: the whole file
        completed[read] = '\n';
        return ofFirstLine(completed);
      }
      return length < 0 ? null : ofFirstLine(Arrays.copyOf(head, length));
    }
  }

  /**
   * Reads up to {@code buffer.length} bytes; a stream that breaks (a truncated .gz) gives what it had before, so a
   * damaged file is still recognised and read up to the damage. Throws only when nothing could be read.
   */
  private static int readUpTo(InputStream in, byte[] buffer) throws IOException {
    int read = 0;
    try {
      for (int n; read < buffer.length && (n = in.read(buffer, read, buffer.length - read)) > 0; ) {
        read += n;
      }
    } catch (IOException damaged) {
      if (read == 0) {
        throw damaged;
      }
    }
    return read;
  }

  /** The fingerprint of a file whose first line (with its newline, at most 1 KiB) is this. */
  static String ofFirstLine(byte[] firstLine) {
    return Hashing.sha256().hashBytes(firstLine).toString().substring(0, 32);
  }

  /** Bytes of the first line that identify a file: the first line with its newline, cut at 1 KiB. */
  static int fingerprintLength(byte[] head, int length) {
    for (int i = 0; i < length; i++) {
      if (head[i] == '\n') {
        return i + 1;
      }
    }
    return length >= FINGERPRINT_BYTES ? FINGERPRINT_BYTES : -1;
  }

  /**
   * The first {@code count} non-empty lines, for sniffing the format: complete lines only, unless {@code whole} (the
   * file is read to its end now, its last line with or without a newline).
   */
  List<String> firstLines(int count, boolean whole) throws IOException {
    List<String> lines = new ArrayList<>();
    try (LineReader reader = new LineReader(open(), 0)) {
      while (lines.size() < count && reader.next()) {
        String text = reader.text();
        if (!text.isBlank() && (reader.terminated() || whole)) {
          lines.add(text);
        }
      }
    } catch (IOException damaged) {
      if (lines.isEmpty()) {
        throw damaged; // the lines before the damage are enough to sniff; none at all is not
      }
    }
    return lines;
  }

  Instant lastModified() throws IOException {
    return Files.getLastModifiedTime(path).toInstant();
  }
}
