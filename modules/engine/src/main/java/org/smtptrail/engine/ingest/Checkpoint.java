package org.smtptrail.engine.ingest;

/**
 * How far a file (known by its content fingerprint) has been indexed: the byte offset just past the last complete
 * line, and that line's number. Stored in the index's commit data, so it commits atomically with the events.
 *
 * @param offset     byte offset in the decompressed content
 * @param lineNumber number of lines read up to that offset
 * @param file       the path it was last read under (for information only)
 */
record Checkpoint(long offset, long lineNumber, String file) {
  static final String PREFIX = "checkpoint:";
  static final Checkpoint START = new Checkpoint(0, 0, "");

  static Checkpoint parse(String value) {
    if (value == null) {
      return START;
    }
    String[] parts = value.split(" ", 3);
    try {
      return new Checkpoint(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts.length > 2 ? parts[2] : "");
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException corrupt) {
      return START; // read the file again: event ids make that harmless only for the unfinished line, so say so
    }
  }

  String format() {
    return offset + " " + lineNumber + " " + file;
  }
}
