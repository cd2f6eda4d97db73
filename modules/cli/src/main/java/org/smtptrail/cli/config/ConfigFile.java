package org.smtptrail.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.LogSource;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@code smtptrail.yaml}: the sources to index or follow, each with its own format, host label and zone.
 * Relative paths and globs are relative to the file's folder, so a configuration moves with its logs. A mistake is
 * a {@link ConfigException} naming the file, line and column and what was expected there; an unknown key is one.
 *
 * <pre>
 * sources:
 *   - glob: postfix/mail.log*        # or path: a file or folder
 *     format: postfix                # default: auto (sniffed per file)
 *     host: mx1                      # for lines that name no host
 *     timezone: UTC                  # for timestamps without a zone
 * </pre>
 */
public final class ConfigFile {
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  static {
    // an empty list item ("-" alone) is a missing source, reported as such rather than as a failed coercion
    YAML.coercionConfigFor(SourceEntry.class).setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
  }
  /** How Jackson's target types are said to a user. */
  private static final Map<String, String> TYPE_WORDS = Map.of("List", "a list (lines starting with '- ')",
      "ArrayList", "a list (lines starting with '- ')",
      "ConfigDocument", "a mapping with the key 'sources'", "SourceEntry",
      "a mapping of path or glob, format, host, timezone", "String", "a single value (text)");

  private static final String EMPTY = "empty; ";

  private ConfigFile() {}

  /**
   * What a configuration file says: its sources, and its store.
   *
   * @param sources where the logs are
   * @param store   its {@code store:}, {@code store_credentials:} and {@code store_ca:}
   */
  public record Configuration(List<LogSource> sources, ConfiguredStore store) {}

  /**
   * The sources of a configuration file. What a source leaves out comes from {@code defaults} (the command line's
   * --format, --timezone and --host).
   */
  public static List<LogSource> read(Path file, IngestOptions defaults) throws IOException {
    return configuration(file, defaults).sources();
  }

  /** The sources and the store of a configuration file (see {@link #read}). */
  public static Configuration configuration(Path file, IngestOptions defaults) throws IOException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException missing) {
      throw new ConfigException(file + ": no such configuration file", missing);
    }
    ConfigDocument document;
    try {
      document = YAML.readValue(content, ConfigDocument.class);
    } catch (JsonProcessingException bad) {
      MarkedYAMLException syntax = syntaxError(bad);
      if (syntax != null) {
        // SnakeYAML's own words, without its echo of the line (the location says where)
        Mark mark = syntax.getProblemMark();
        throw new ConfigException(file + (mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1))
            + ": " + syntax.getProblem() + (syntax.getContext() == null ? "" : " (" + syntax.getContext() + ")")
            + ": check the indentation and the '- ' and ':' marks", bad);
      }
      JsonLocation location = bad.getLocation();
      if (bad instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
          && !(mapping.getCause() instanceof JsonProcessingException)) { // a parse error knows its place
        JsonLocation culprit = ConfigLocations.of(YAML.getFactory(), content, mapping.getPath());
        location = culprit != null ? culprit : location;
      }
      String problem = describe(bad);
      throw new ConfigException(where(file, problem.startsWith(EMPTY) ? null : location) + problem, bad);
    }
    if (document == null || document.sources() == null || document.sources().isEmpty()) {
      JsonLocation key = ConfigLocations.of(YAML.getFactory(), content, List.of(new Reference(null, "sources")));
      throw new ConfigException(where(file, key) + (document == null ? EMPTY : "")
          + "expected 'sources:' with a list of at least one source", null);
    }
    int empty = document.sources().indexOf(null);
    if (empty >= 0) {
      JsonLocation item = ConfigLocations.of(YAML.getFactory(), content,
          List.of(new Reference(null, "sources"), new Reference(null, empty)));
      throw new ConfigException(where(file, item)
          + "expected a source (path or glob, format, host, timezone), found an empty list item", null);
    }
    Path folder = file.toAbsolutePath().getParent();
    List<LogSource> sources = new ArrayList<>();
    for (SourceEntry entry : document.sources()) {
      IngestOptions options = new IngestOptions(
          entry.format() == null ? defaults.format()
              : entry.format().equalsIgnoreCase(SourceEntry.AUTO) ? null : entry.format(),
          entry.timezone() == null ? defaults.zone() : SourceEntry.zone(entry.timezone()),
          entry.host() == null || entry.host().isBlank() ? defaults.hostLabel() : entry.host().strip());
      sources.add(entry.path() != null
          ? LogSource.of(folder.resolve(entry.path().strip()).normalize(), options)
          : LogSource.glob(folder, entry.glob().strip(), options));
    }
    ConfiguredStore store = new ConfiguredStore(blankToNull(document.store()),
        file(folder, document.storeCredentials()), file(folder, document.storeCa()));
    return new Configuration(List.copyOf(sources), store);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** A file the configuration names, relative to the configuration's folder. */
  private static Path file(Path folder, String name) {
    String path = blankToNull(name);
    return path == null ? null : folder.resolve(path).normalize();
  }

  private static String where(Path file, JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return file + ": ";
    }
    return file + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
  }

  /** What was expected, in the file's terms (keys and YAML shapes), not Jackson's (classes and tokens). */
  private static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown key '" + unknown.getPropertyName() + "' (expected one of: "
          + String.join(", ", names(unknown.getKnownPropertyIds())) + ")";
    }
    if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
      return invalid.getCause().getMessage();
    }
    if (e.getOriginalMessage().startsWith("Duplicate field ")) {
      return "duplicate key " + e.getOriginalMessage().substring("Duplicate field ".length());
    }
    if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("No content")) {
      return EMPTY + "expected 'sources:' with a list of at least one source";
    }
    if (e instanceof InvalidFormatException || !(e instanceof MismatchedInputException mismatched)) {
      return firstLine(e.getOriginalMessage());
    }
    String key = key(mismatched);
    String expected = mismatched.getTargetType() == null ? null
        : TYPE_WORDS.get(mismatched.getTargetType().getSimpleName());
    if (expected == null) {
      return firstLine(e.getOriginalMessage());
    }
    return "expected " + expected + (key == null ? "" : " for '" + key + "'");
  }

  /** The YAML syntax error behind a failure, if that is what it is. */
  private static MarkedYAMLException syntaxError(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException syntax) {
        return syntax;
      }
    }
    return null;
  }

  private static String key(JsonMappingException e) {
    for (int i = e.getPath().size() - 1; i >= 0; i--) {
      String name = e.getPath().get(i).getFieldName();
      if (name != null) {
        return name;
      }
    }
    return null;
  }

  private static Collection<String> names(Collection<Object> ids) {
    TreeSet<String> names = new TreeSet<>();
    ids.forEach(id -> names.add(String.valueOf(id)));
    return names;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "not a valid configuration";
    }
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }
}
