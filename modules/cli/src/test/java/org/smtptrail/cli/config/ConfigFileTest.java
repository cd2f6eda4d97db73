package org.smtptrail.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.LogSource;

class ConfigFileTest {
  private static final IngestOptions COMMAND_LINE = new IngestOptions(null, ZoneId.of("Europe/Berlin"), "cli-host");

  @TempDir Path temp;

  private Path config(String... lines) throws IOException {
    return Files.writeString(temp.resolve("smtptrail.yaml"), String.join("\n", lines) + "\n");
  }

  private List<LogSource> read(String... lines) throws IOException {
    return ConfigFile.read(config(lines), COMMAND_LINE);
  }

  @Test
  void storeNamesWhereEventsAndRowsAreKeptAndIsOptional() throws IOException {
    assertThat(ConfigFile.configuration(config("store: http://os1:9200/smtptrail", "sources:", "  - path: mail.log"),
        COMMAND_LINE).store()).isEqualTo(new ConfiguredStore("http://os1:9200/smtptrail", null, null));
    assertThat(ConfigFile.configuration(config("sources:", "  - path: mail.log"), COMMAND_LINE).store())
        .isEqualTo(ConfiguredStore.NONE);
  }

  @Test
  void theStoresCredentialsAndCaFilesAreFoundBesideTheConfiguration() throws IOException {
    ConfiguredStore store = ConfigFile.configuration(config("store: https://os1:9200,os2:9200/mail",
        "store_credentials: secrets/store.yaml", "store_ca: /etc/ssl/os-ca.pem", "sources:", "  - path: mail.log"),
        COMMAND_LINE).store();

    assertThat(store).isEqualTo(new ConfiguredStore("https://os1:9200,os2:9200/mail",
        temp.resolve("secrets/store.yaml"), Path.of("/etc/ssl/os-ca.pem")));
  }

  @Test
  void sourcesAreResolvedAgainstTheFilesFolderAndLeftOutKeysComeFromTheCommandLine() throws IOException {
    List<LogSource> sources = read(
        "sources:",
        "  - glob: postfix/mail.log*",
        "    format: postfix",
        "    timezone: UTC",
        "  - path: xeams",
        "    format: auto",
        "    host: mail.example.com",
        "    timezone: '+01:00'",
        "  - path: /var/log/axigen/everything.txt",
        "    format: AXIGEN");
    assertThat(sources).extracting(LogSource::path, LogSource::glob)
        .containsExactly(tuple(temp, "postfix/mail.log*"), tuple(temp.resolve("xeams"), null),
            tuple(Path.of("/var/log/axigen/everything.txt"), null));
    assertThat(sources).extracting(LogSource::options).containsExactly(
        new IngestOptions("postfix", ZoneId.of("UTC"), "cli-host"),
        new IngestOptions(null, ZoneOffset.ofHours(1), "mail.example.com"),
        new IngestOptions("AXIGEN", ZoneId.of("Europe/Berlin"), "cli-host"));
  }

  @Test
  void anUnknownKeyIsNamedWithItsLineAndColumnAndTheKnownKeys() throws IOException {
    assertThatThrownBy(() -> read("sources:", "  - path: a", "    hots: mx1"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(temp.resolve("smtptrail.yaml") + ":3:5: unknown key 'hots' (expected one of: format, glob, host,"
            + " path, timezone)");
    assertThatThrownBy(() -> read("source:", "  - path: a"))
        .hasMessageEndingWith(":1:1: unknown key 'source' (expected one of: sources, store, store_ca,"
            + " store_credentials)");
  }

  @Test
  void aSourceNeedsExactlyOneOfPathAndGlob() {
    assertThatThrownBy(() -> read("sources:", "  - path: a", "  - host: mx1"))
        .hasMessageEndingWith(":3:5: expected 'path' (a file or folder) or 'glob' (a pattern) in this source");
    assertThatThrownBy(() -> read("sources:", "  - path: a", "    glob: 'b*'"))
        .hasMessageEndingWith(":2:5: expected either 'path' or 'glob' in a source, not both");
    assertThatThrownBy(() -> read("sources:", "  - path: ''"))
        .hasMessageEndingWith(":2:5: expected a non-empty 'path'");
  }

  @Test
  void anUnknownFormatOrZoneSaysWhatIsAccepted() {
    assertThatThrownBy(() -> read("sources:", "  - path: a", "  - path: b", "    format: nope"))
        .hasMessageContaining(":3:5: unknown log format 'nope'; installed formats: ");
    assertThatThrownBy(() -> read("sources:", "  - path: a", "    timezone: Mars/Olympus"))
        .hasMessageEndingWith(":2:5: unknown time zone 'Mars/Olympus': expected a region such as Europe/Paris, or an"
            + " offset such as +01:00 or UTC");
  }

  @Test
  void aValueOfTheWrongShapeSaysWhichShapeWasExpected() {
    assertThatThrownBy(() -> read("sources: postfix"))
        .hasMessageEndingWith(":1:1: expected a list (lines starting with '- ') for 'sources'");
    assertThatThrownBy(() -> read("sources:", "  - path: [a, b]"))
        .hasMessageEndingWith(":2:5: expected a single value (text) for 'path'");
    assertThatThrownBy(() -> read("sources:", "  - postfix/mail.log"))
        .hasMessageEndingWith(":2:5: expected a mapping of path or glob, format, host, timezone for 'sources'");
    assertThatThrownBy(() -> read("- path: a"))
        .hasMessageEndingWith(":1:1: expected a mapping with the key 'sources'");
  }

  @Test
  void missingEmptyAndBrokenFilesAreReportedNotThrownAsStackTraces() throws IOException {
    assertThatThrownBy(() -> ConfigFile.read(temp.resolve("none.yaml"), COMMAND_LINE))
        .isInstanceOf(ConfigException.class).hasMessageEndingWith("none.yaml: no such configuration file");
    assertThatThrownBy(() -> read(""))
        .hasMessageEndingWith("smtptrail.yaml: empty; expected 'sources:' with a list of at least one source");
    assertThatThrownBy(() -> read("sources: []"))
        .hasMessageContaining("expected 'sources:' with a list of at least one source");
    assertThatThrownBy(() -> read("sources:", "  -"))
        .hasMessageContaining("expected a source (path or glob, format, host, timezone), found an empty list item");
    assertThatThrownBy(() -> read("sources:", "  - path: a", "   host: x"))
        .hasMessageContaining(":3:4: expected <block end>, but found '<block mapping start>'")
        .hasMessageContaining("check the indentation");
    assertThatThrownBy(() -> read("sources:", "  - path: a", "    path: b"))
        .hasMessageContaining(":3:").hasMessageContaining("duplicate key 'path'");
  }
}
