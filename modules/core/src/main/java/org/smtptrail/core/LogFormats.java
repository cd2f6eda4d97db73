package org.smtptrail.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The installed {@link LogFormat}s, found with {@link ServiceLoader} on first use. */
public final class LogFormats {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  private LogFormats() {}

  /** Lazy holder: discovery waits until a format is first asked for. */
  private static final class Holder {
    static final Map<String, LogFormat> BY_NAME = load(LogFormats.class.getClassLoader());
  }

  static Map<String, LogFormat> load(ClassLoader loader) {
    Map<String, LogFormat> byName = new TreeMap<>();
    for (LogFormat format : ServiceLoader.load(LogFormat.class, loader)) {
      String name = format.name();
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalStateException(
            "log format " + format.getClass().getName() + " has an invalid name '" + name
                + "': expected lower-case letters, digits and '-'");
      }
      LogFormat previous = byName.putIfAbsent(name, format);
      if (previous != null) {
        throw new IllegalStateException(
            "log format name '" + name + "' is registered twice: by " + previous.getClass().getName() + " and "
                + format.getClass().getName());
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  /** All installed formats, by name. */
  public static List<LogFormat> all() {
    return new ArrayList<>(Holder.BY_NAME.values());
  }

  /** Names of the installed formats, sorted. */
  public static List<String> names() {
    return new ArrayList<>(Holder.BY_NAME.keySet());
  }

  /**
   * The format of that name (case-insensitive).
   *
   * @throws IllegalArgumentException naming the installed formats, if there is none of that name
   */
  public static LogFormat forName(String name) {
    LogFormat format = Holder.BY_NAME.get(name.toLowerCase(Locale.ROOT));
    if (format == null) {
      throw new IllegalArgumentException(
          "unknown log format '" + name + "'; installed formats: " + String.join(", ", names())
              + " (a format's jar may be missing from the classpath)");
    }
    return format;
  }
}
