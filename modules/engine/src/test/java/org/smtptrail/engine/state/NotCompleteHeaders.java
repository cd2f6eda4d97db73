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
 * The {@code NOT_COMPLETE} bit of a Chronicle Map file's header, read and set as Chronicle's recovery sets it when
 * it starts ({@code ChronicleMapBuilder.writeNotComplete}): what a process killed while it recovered leaves.
 */
final class NotCompleteHeaders {
  private NotCompleteHeaders() {}

  static boolean isSet(Path file) throws IOException {
    return (sizeWord(file) & SizePrefixedBlob.NOT_COMPLETE) != 0;
  }

  static void set(Path file) throws IOException {
    int word = sizeWord(file) | SizePrefixedBlob.NOT_COMPLETE;
    try (FileChannel channel = FileChannel.open(file, WRITE)) {
      channel.write(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(0, word),
          SizePrefixedBlob.SIZE_WORD_OFFSET);
    }
  }

  private static int sizeWord(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, READ)) {
      ByteBuffer word = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(word, SizePrefixedBlob.SIZE_WORD_OFFSET);
      return word.getInt(0);
    }
  }
}
