package org.smtptrail.cli.serve;

import java.net.URLDecoder;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.smtptrail.engine.query.TimeSpec;

/**
 * The query string of a request, checked against what the endpoint takes: an unknown or repeated parameter, or a
 * value that does not read, is a 400 naming the parameter. An empty value counts as absent (what a form sends for a
 * field left blank). Times read as the CLI's {@code --since}: relative ({@code 2h}, {@code 3d}) or ISO-8601, in the
 * server's time zone when they carry none.
 */
final class QueryParameters {
  private final Map<String, String> values;

  private QueryParameters(Map<String, String> values) {
    this.values = values;
  }

  static QueryParameters parse(String rawQuery, String endpoint, Set<String> allowed) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new QueryParameters(values);
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (!allowed.contains(name)) {
        throw new RequestException(400, "unknown parameter '" + name + "': " + endpoint + " takes "
            + (allowed.isEmpty() ? "none" : String.join(", ", new TreeSet<>(allowed))));
      }
      if (values.containsKey(name)) {
        throw new RequestException(400, "parameter '" + name + "' given twice");
      }
      values.put(name, value.strip());
    }
    return new QueryParameters(values);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new RequestException(400, "malformed query string: " + e.getMessage());
    }
  }

  /** The value, or null when absent or empty. */
  String text(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  String required(String name) {
    String value = text(name);
    if (value == null) {
      throw new RequestException(400, "parameter '" + name + "' is required");
    }
    return value;
  }

  Instant time(String name, Instant now) {
    String value = text(name);
    try {
      return value == null ? null : TimeSpec.parse(value, now, ZoneId.systemDefault());
    } catch (IllegalArgumentException e) {
      throw new RequestException(400, name + ": " + e.getMessage());
    }
  }

  int integer(String name, int absent, int min, int max) {
    String value = text(name);
    if (value == null) {
      return absent;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new RequestException(400, name + ": expected a whole number from " + min + " to " + max + ", not '"
        + value + "'");
  }

  /** One of an enum's constants, by name in any case. */
  <E extends Enum<E>> E choice(String name, Class<E> type) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    Set<String> names = new TreeSet<>();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
      names.add(constant.name());
    }
    throw new RequestException(400, name + ": '" + value + "' is none of " + String.join(", ", names));
  }

  /** {@code json} (the default) or {@code csv}. */
  boolean csv() {
    String format = text("format");
    if (format == null || format.toLowerCase(Locale.ROOT).equals("json")) {
      return false;
    }
    if (format.toLowerCase(Locale.ROOT).equals("csv")) {
      return true;
    }
    throw new RequestException(400, "format: expected json or csv, not '" + format + "'");
  }
}
