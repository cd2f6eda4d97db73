package org.smtptrail.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.smtptrail.core.LineParser;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.LogFormats;
import org.smtptrail.core.ParseContext;
import org.smtptrail.core.event.LogEvent;
import org.smtptrail.core.event.SourceLine;
import org.smtptrail.core.event.Unparsed;

/**
 * What every format must pass: it is found by name through the SPI, it recognises its own fixtures, and no input at
 * all (empty, truncated, huge, binary, another format's lines) makes its parser throw. A format's test class extends
 * this and names its format and fixtures.
 */
public abstract class LogFormatTestCase {
  /** A fixed reference time for tests: 2026-11-23T12:00:00Z. */
  protected static final Instant REFERENCE_TIME = Instant.parse("2026-11-23T12:00:00Z");

  /** The format under test. */
  protected abstract LogFormat format();

  /** Classpath resources (e.g. "/postfix/deferred-then-sent.log") that are the format's own logs. */
  protected abstract List<String> ownFixtures();

  /**
   * Lines of this format that show credentials as the format logs them (an SMTP AUTH exchange, a password field), with
   * the secrets they hold: no event may carry one. Every format provides one, so a new format cannot forget it.
   */
  protected abstract CredentialSample credentialSample();

  /** Lines of other formats that must not be sniffed as this one. */
  protected List<String> foreignLines() {
    return List.of(
        "2024-03-21 11:39:49,056 - [   7054286] ************ New (secure) connection to: 192.0.2.26",
        "2026-11-23 10:00:01 +0200 02 mail SMTP-IN:0000002A: Connection accepted from 192.0.2.1",
        "192.0.2.1 - - [23/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 612",
        "just some text");
  }

  /** Parses lines with a fresh parser (UTC, reference time above) and returns every event, flushed. */
  protected List<LogEvent> parse(List<String> lines) {
    LineParser parser = format().newParser(new ParseContext("test.log", ZoneOffset.UTC, REFERENCE_TIME, "testhost"));
    CollectingSink sink = new CollectingSink();
    long offset = 0;
    for (int i = 0; i < lines.size(); i++) {
      parser.parse(new SourceLine("test.log", i + 1, offset, lines.get(i)), sink);
      offset += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
    }
    parser.flush(sink);
    return sink.events();
  }

  @Test
  void isFoundByNameThroughTheServiceLoader() {
    assertThat(LogFormats.forName(format().name())).isInstanceOf(format().getClass());
    assertThat(LogFormats.names()).contains(format().name());
    assertThat(format().description()).isNotBlank();
  }

  @Test
  void sniffsItsOwnFixturesAndNotForeignLines() {
    for (String fixture : ownFixtures()) {
      List<String> head = Fixtures.lines(fixture).stream().limit(20).toList();
      assertThat(format().sniff(head)).as("sniff of %s", fixture).isGreaterThanOrEqualTo(50);
    }
    assertThat(format().sniff(foreignLines())).as("sniff of other formats' lines").isLessThan(50);
    assertThat(format().sniff(List.of())).isZero();
  }

  @Test
  void ownFixturesParseWithoutUnparsedEvents() {
    for (String fixture : ownFixtures()) {
      List<LogEvent> events = parse(Fixtures.lines(fixture));
      assertThat(events).as("events of %s", fixture).isNotEmpty();
      assertThat(events).as("unparsed events of %s", fixture).noneMatch(Unparsed.class::isInstance);
    }
  }

  @Test
  void noCredentialReachesAnyEventOrUnparsedLine() {
    CredentialSample sample = credentialSample();
    // whatever the format: password fields in lines it does not understand, which stay as unparsed evidence (first,
    // so that no record of the format takes them as its continuation)
    List<String> lines = new ArrayList<>(List.of("relay login failed: user=joe@example.com password=Gen3ricSecret1",
        "sasl_method=PLAIN, sasl_username=joe@example.com, sasl_password=Gen3ricSecret2",
        "< unknown[192.0.2.7]: AUTH PLAIN AGpvZUBleGFtcGxlLmNvbQBHZW4zcmljU2VjcmV0Mw=="));
    lines.addAll(sample.lines());
    List<String> secrets = new ArrayList<>(sample.secrets());
    secrets.addAll(List.of("Gen3ricSecret1", "Gen3ricSecret2", "AGpvZUBleGFtcGxlLmNvbQBHZW4zcmljU2VjcmV0Mw=="));
    List<LogEvent> events = parse(lines);
    assertThat(events).as("events of the credential sample").isNotEmpty();
    assertThat(events).as("the generic lines are unparsed evidence").filteredOn(Unparsed.class::isInstance)
        .isNotEmpty();
    List<String> strings = EventStrings.of(events);
    for (String secret : secrets) {
      assertThat(strings).as("texts of every event").noneMatch(text -> text.contains(secret));
    }
    assertThat(strings).as("the masked lines are kept, marked").anyMatch(text -> text.contains("[credentials masked]"))
        .anyMatch(text -> text.contains("sasl_username=joe@example.com"));
  }

  @Test
  void garbageNeverThrowsAndTruncatedLinesNeverThrow() {
    List<String> garbage = new ArrayList<>(List.of("", " ", ":", "\u0000\u0000", "\uFFFD\uFFFD", "x".repeat(65_536)));
    Random random = new Random(20261123);
    for (int i = 0; i < 300; i++) {
      char[] chars = new char[random.nextInt(200)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = (char) random.nextInt(i % 2 == 0 ? 128 : 0xD7FF);
      }
      garbage.add(new String(chars));
    }
    List<String> own = new ArrayList<>();
    for (String fixture : ownFixtures()) {
      own.addAll(Fixtures.lines(fixture));
    }
    for (String line : own) {
      for (int cut = 0; cut < line.length(); cut += Math.max(1, line.length() / 25)) {
        garbage.add(line.substring(0, cut));
        garbage.add(line.substring(cut));
      }
    }
    garbage.addAll(foreignLines());
    for (String line : garbage) {
      assertThatCode(() -> parse(List.of(line))).as("parsing %s", abbreviate(line)).doesNotThrowAnyException();
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 120 ? line : line.substring(0, 120) + "...";
  }
}
