package org.smtptrail.engine.state;

/**
 * A position in a file: a byte offset in the decompressed content and the number of lines before it.
 *
 * @param offset     byte offset
 * @param lineNumber lines before that offset
 */
public record Checkpoint(long offset, long lineNumber) {
  public static final Checkpoint START = new Checkpoint(0, 0);

  static Checkpoint parse(String value) {
    if (value == null) {
      return START;
    }
    int space = value.indexOf(' ');
    try {
      return new Checkpoint(Long.parseLong(value.substring(0, space)), Long.parseLong(value.substring(space + 1)));
    } catch (RuntimeException corrupt) {
      return START; // read the file again: its old events are deleted before it is read
    }
  }

  String format() {
    return offset + " " + lineNumber;
  }
}
