package org.smtptrail.engine.state;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import net.openhft.chronicle.hash.impl.SizePrefixedBlob;

/**
 * The readiness bit in the header of a Chronicle Map file, and why a recovery cut short must not leave it set.
 *
 * <p>A Chronicle Map file starts with a size-prefixed header (checksum, then a size word, then the map's
 * configuration). While Chronicle recovers a file it sets the size word's {@code NOT_COMPLETE} bit, and clears it
 * once recovery is done. A process killed in between (SIGKILL at any moment of a start after a crash) leaves the
 * bit set, and every later open then polls the header for a minute, waiting for "the process which created the
 * file" to finish, before recovering anyway (a plain open gives up with an error instead). Nobody can be finishing
 * it: only one process opens a data folder's state (the index's write lock is taken first) and new files are made
 * under another name and renamed once complete. So the bit is cleared before opening, and the file is recovered.
 *
 * <p>Clearing it is sound: the header's checksum is computed with the bit clear (Chronicle computes it "ready",
 * then sets the bit); a recovery writes nothing else of the header (were the checksum wrong, the recovery that
 * follows rewrites the header from the configuration, as it would have); and a recovery redoes from the start
 * whatever a killed one left half done in the segments.
 */
final class MapHeaders {
  private MapHeaders() {}

  /**
   * Clears the header's {@code NOT_COMPLETE} bit of {@code file}, left set by a process killed while it recovered
   * the file (or rewrote its header); returns whether it was set, that is, whether the file must be recovered.
   */
  static boolean markReady(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, READ, WRITE)) {
      ByteBuffer sizeWord = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      while (sizeWord.hasRemaining()) {
        if (channel.read(sizeWord, SizePrefixedBlob.SIZE_WORD_OFFSET + sizeWord.position()) < 0) {
          return false; // shorter than a header: Chronicle's open says what is wrong with it
        }
      }
      int word = sizeWord.getInt(0);
      if ((word & SizePrefixedBlob.NOT_COMPLETE) == 0) {
        return false;
      }
      sizeWord.putInt(0, word & ~SizePrefixedBlob.NOT_COMPLETE).clear();
      while (sizeWord.hasRemaining()) {
        channel.write(sizeWord, SizePrefixedBlob.SIZE_WORD_OFFSET + sizeWord.position());
      }
      return true;
    }
  }
}
