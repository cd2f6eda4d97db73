package org.smtptrail.core.syslog;

/**
 * The few host and program names one file's lines repeat ("mx1", "postfix/smtpd", "postfix/cleanup", ...), kept so
 * that {@link SyslogPrefix#parse(String, SyslogNames)} hands out the same {@code String} again instead of copying it
 * out of every line. A name is looked for in one slot only, chosen by its length and last two characters, so a look-up
 * costs one comparison; a name that meets another in its slot replaces it. One per parser; not thread-safe.
 */
public final class SyslogNames {
  static final int SLOTS = 64;

  private final String[] names = new String[SLOTS];

  /** The text between {@code start} and {@code end} of the line, as a name seen before where possible. */
  String name(String line, int start, int end) {
    int length = end - start;
    int slot = length <= 0 ? 0 : (length * 31 + line.charAt(end - 1) * 7 + line.charAt(start + length / 2))
        & (SLOTS - 1);
    String name = names[slot];
    if (name != null && name.length() == length && line.startsWith(name, start)) {
      return name;
    }
    name = line.substring(start, end);
    names[slot] = name;
    return name;
  }
}
