package org.smtptrail.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One scenario of the golden corpus ({@code sample-logs/cases/FORMAT/NAME/}): its log files, the settings it is read
 * with ({@code case.properties}), and beside them the golden files of what it gives: {@code expected-events.txt}
 * (every event the format's parser makes, one per line, in order) and {@code expected-rows.jsonl} (every row of
 * {@code trace --format json --limit 0}, whole, evidence file names relative to the case folder).
 *
 * <p>{@code case.properties} may say: {@code mtime} (the files' modification time, ISO-8601, default
 * 2026-11-24T00:00:00Z: the year of a classic syslog line is inferred from it), {@code timezone} (default UTC),
 * {@code host} (default {@code testhost}), {@code format} (forced, default: sniffed) and {@code strict}
 * ({@code false} when the case shows how an unreadable line is reported; default true: {@code index --strict} passes)
 * and {@code pflogsumm} ({@code false} for a Postfix case that pflogsumm itself cannot read, such as addresses without
 * brackets: PflogsummParityIT leaves it out; default true).
 *
 * @param folder the case folder
 * @param format the format folder it lies in (postfix, axigen, xeams)
 */
public record GoldenCase(Path folder, String format) {
  public static final String EVENTS = "expected-events.txt";
  public static final String ROWS = "expected-rows.jsonl";
  private static final String SETTINGS = "case.properties";
  private static final Set<String> NOT_LOGS = Set.of(EVENTS, ROWS, SETTINGS, "README.md");

  /** The root of the sample logs: the build's {@code smtptrail.sampleLogs}, else ../../sample-logs from a module. */
  public static Path sampleLogs() {
    return Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"));
  }

  /** Every case of a format ({@code sample-logs/cases/FORMAT/*}), by name; none when the folder is absent. */
  public static List<GoldenCase> of(String format) {
    Path root = sampleLogs().resolve("cases").resolve(format);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> folders = Files.list(root)) {
      return folders.filter(Files::isDirectory).sorted().map(folder -> new GoldenCase(folder, format)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return format + "/" + folder.getFileName();
  }

  /** The log files, by name (rotated sets in the order the index reads them is the index's business). */
  public List<Path> logs() {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).filter(file -> !NOT_LOGS.contains(file.getFileName().toString()))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Properties settings() {
    Properties settings = new Properties();
    Path file = folder.resolve(SETTINGS);
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        settings.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return settings;
  }

  public Instant mtime() {
    return Instant.parse(settings().getProperty("mtime", "2026-11-24T00:00:00Z"));
  }

  public ZoneId timezone() {
    return ZoneId.of(settings().getProperty("timezone", "UTC"));
  }

  public String host() {
    return settings().getProperty("host", "testhost");
  }

  /** The format to force, or null to let the index sniff it. */
  public String forcedFormat() {
    return settings().getProperty("format");
  }

  public boolean strict() {
    return Boolean.parseBoolean(settings().getProperty("strict", "true"));
  }

  /** Whether pflogsumm reads this case's lines as they are (see the class comment). */
  public boolean pflogsummReadable() {
    return Boolean.parseBoolean(settings().getProperty("pflogsumm", "true"));
  }

  /** The arguments of {@code index} for this case, before the paths. */
  public List<String> indexArguments() {
    List<String> args = new ArrayList<>(List.of("--timezone", timezone().getId(), "--host", host()));
    if (forcedFormat() != null) {
      args.addAll(List.of("--format", forcedFormat()));
    }
    if (strict()) {
      args.add("--strict");
    }
    return args;
  }

  @Override
  public String toString() {
    return name();
  }
}
