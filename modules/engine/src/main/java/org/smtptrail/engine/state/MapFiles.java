package org.smtptrail.engine.state;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import net.openhft.chronicle.hash.impl.SizePrefixedBlob;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Opens a Chronicle Map file so that a process killed (SIGKILL) at any moment of the open leaves a file the next
 * open neither waits for nor loses entries of. Only one process opens a data folder's state (the index's write lock
 * is taken first), so nobody else can be creating or recovering these files.
 *
 * <ul>
 *   <li>A new file is made under a {@code .creating} name and renamed once complete: Chronicle marks a header "not
 *       complete" while it makes it, and an open finding that mark waits a minute for its maker, then refuses it.
 *   <li>After a crash the file is recovered as a {@code .recovering} copy, renamed over it once recovered. Recovering
 *       in place had two faults when killed part way (issue 23): the header stayed marked "not complete" (Chronicle
 *       sets it while it recovers), so every later start waited a minute before recovering anyway; and the entry
 *       being moved was lost (recovery empties each slot of the hash lookup before it checks and re-inserts the
 *       entry; 200 000 entries were 199 999 after 20 such kills). A killed copy is thrown away and the original,
 *       untouched, is recovered again.
 *   <li>A header left "not complete" by an older smtptrail's recovery is marked ready on the copy before it is
 *       recovered. That is sound: its checksum is computed with the mark clear (Chronicle computes it "ready" and
 *       then sets the mark), a recovery writes nothing else of the header, and it redoes from the start whatever a
 *       killed one left half done in the segments.
 * </ul>
 * An existing file keeps the configuration in its header, whatever the builder says (only a new file takes it).
 */
final class MapFiles {
  private MapFiles() {}

  /** Opens {@code file}, creating it if missing, recovering it first if {@code crashed} (or if it needs it). */
  static ChronicleMap<String, String> open(ChronicleMapBuilder<String, String> builder, Path file, boolean crashed)
      throws IOException {
    // Chronicle's own shutdown hook would close the maps while smtptrail's (Ctrl-C, SIGTERM) still commits and
    // writes checkpoints to them; the store is closed by its owner, and a JVM that dies is recovered at next open.
    builder.skipCloseOnExitHook(true);
    Path copy = sibling(file, ".recovering");
    Files.deleteIfExists(copy); // a start killed while it recovered: its original is whole
    if (!Files.exists(file)) {
      Path partial = sibling(file, ".creating");
      Files.deleteIfExists(partial);
      builder.createPersistedTo(partial.toFile()).close();
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    } else if (crashed || notComplete(file)) {
      try {
        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        markReady(copy);
        // false: never rewrite a header from this builder, whose configuration may not be the file's
        builder.recoverPersistedTo(copy.toFile(), false).close();
        Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(copy); // a copy whose recovery failed takes no room (a failed copy removes itself)
      }
    }
    return builder.createPersistedTo(file.toFile());
  }

  private static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  /** Whether the header of {@code file} is marked "not complete" (false for a file too short to have one). */
  private static boolean notComplete(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, READ)) {
      return (sizeWord(channel) & SizePrefixedBlob.NOT_COMPLETE) != 0;
    }
  }

  private static void markReady(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, READ, WRITE)) {
      int word = sizeWord(channel);
      if ((word & SizePrefixedBlob.NOT_COMPLETE) != 0) {
        ByteBuffer ready = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(0, word & ~SizePrefixedBlob.NOT_COMPLETE);
        while (ready.hasRemaining()) {
          channel.write(ready, SizePrefixedBlob.SIZE_WORD_OFFSET + ready.position());
        }
      }
    }
  }

  /** The header's size word (its size, and the "not complete" mark in the top bit); 0 if the file is shorter. */
  private static int sizeWord(FileChannel channel) throws IOException {
    ByteBuffer word = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    while (word.hasRemaining()) {
      if (channel.read(word, SizePrefixedBlob.SIZE_WORD_OFFSET + word.position()) < 0) {
        return 0;
      }
    }
    return word.getInt(0);
  }
}
