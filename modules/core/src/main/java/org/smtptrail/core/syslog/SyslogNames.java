package org.smtptrail.core.syslog;

/**
 * The few host and program names one file's lines repeat ("mx1", "postfix/smtpd", "postfix/cleanup", ...), kept so
 * that {@link SyslogPrefix#parse(String, SyslogNames)} hands out the same {@code String} again instead of copying it
 * out of every line. One per parser; not thread-safe. A name not among the last {@value #SIZE} seen is copied and
 * takes the place of the oldest.
 */
public final class SyslogNames {
  static final int SIZE = 16;

  private final String[] names = new String[SIZE];
  private int next;

  /** The text between {@code start} and {@code end} of the line, as a name seen before where possible. */
  String name(String line, int start, int end) {
    int length = end - start;
    for (String name : names) {
      if (name == null) {
        break;
      }
      if (name.length() == length && line.startsWith(name, start)) {
        return name;
      }
    }
    String name = line.substring(start, end);
    names[next] = name;
    next = (next + 1) % SIZE;
    return name;
  }
}
