package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.testkit.GoldenCase;

/**
 * Parity with Debian's pflogsumm: runs it on every Postfix sample log and golden case (rotated and gzipped ones
 * decompressed, oldest first, as pflogsumm reads only plain text) and compares its Grand Totals and its per-domain
 * delivery table with {@code smtptrail stats} on the same files. One difference is on purpose: pflogsumm counts what
 * the discard(8) transport threw away as delivered (it logs {@code status=sent}), smtptrail as discarded; the test
 * moves those rows (found by their discard(8) line) back to pflogsumm's side before comparing. Skipped when pflogsumm
 * is not installed, unless SMTPTRAIL_REQUIRE_PFLOGSUMM=1 (CI), which turns its absence into a failure.
 */
class PflogsummParityIT {
  private static final Path SAMPLE_LOGS = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"));
  private static final Path SAMPLES = SAMPLE_LOGS.resolve("postfix");
  private static final Path CASES = SAMPLE_LOGS.resolve("cases").resolve("postfix");
  /** A discard(8) delivery line: "postfix/discard[203]: 5C1D2E3F40: to=<...>, relay=none, ... status=sent (...)". */
  private static final Pattern DISCARD_AGENT = Pattern.compile("postfix[^ ]*/discard\\[\\d+\\]: \\w+: to=<");
  /** The message's size, from the qmgr line among a row's evidence. */
  private static final Pattern SIZE = Pattern.compile(": from=<[^>]*>, size=(\\d+),");
  /** "     29   received", "     7   deferred  (19  deferrals)", "  13231   bytes received". */
  private static final Pattern TOTAL =
      Pattern.compile("^ +(\\d+)([km ]?) +(received|delivered|forwarded|deferred|bounced|rejected|discarded"
          + "|bytes received"
          + "|bytes delivered|recipient hosts/domains)(?:  \\((\\d+)([km ]?) deferrals\\))?(?: .*)?$");
  /** "     18    38493        0     0.0 s    0.0 s  example.com" (sent cnt, bytes, defers, delays, domain). */
  private static final Pattern DOMAIN =
      Pattern.compile("^ +(\\d+)([km ]?) +(\\d+)([km ]?) +(\\d+)([km ]?) +\\S+ \\S +\\S+ \\S  (\\S+)$");

  @TempDir Path temp;

  /** The sample files pflogsumm and smtptrail both read: every mail.log* of every folder, golden cases included. */
  private static List<Path> postfixLogs() throws IOException {
    List<Path> logs = new ArrayList<>();
    for (Path root : List.of(SAMPLES, CASES)) {
      try (Stream<Path> files = Files.walk(root)) {
        logs.addAll(files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith("mail.log"))
            .filter(f -> root.equals(SAMPLES) || new GoldenCase(f.getParent(), "postfix").pflogsummReadable())
            .sorted(Comparator.comparing((Path f) -> f.getParent().toString()).thenComparing(
                PflogsummParityIT::rotationAge, Comparator.reverseOrder()))
            .toList());
      }
    }
    return logs;
  }

  /** 0 for mail.log, 1 for mail.log.1, 2 for mail.log.2.gz: the oldest is read first. */
  private static int rotationAge(Path file) {
    String name = file.getFileName().toString().replace(".gz", "");
    return name.equals("mail.log") ? 0 : Integer.parseInt(name.substring("mail.log.".length()));
  }

  private static Path pflogsumm() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "pflogsumm"));
      }
    }
    candidates.add(Path.of("/usr/sbin/pflogsumm"));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String message = "pflogsumm is not installed (apt-get install -y pflogsumm); the parity check needs it";
    if ("1".equals(System.getenv("SMTPTRAIL_REQUIRE_PFLOGSUMM"))) {
      fail(message + ", and SMTPTRAIL_REQUIRE_PFLOGSUMM=1 requires it");
    }
    Assumptions.abort(message + " (set SMTPTRAIL_REQUIRE_PFLOGSUMM=1 to fail instead of skipping)");
    return null;
  }

  /** The logs as one plain-text file, oldest first, gzipped ones decompressed. */
  private Path plainText(List<Path> logs) throws IOException {
    Path all = temp.resolve("all-mail.log");
    try (OutputStream out = Files.newOutputStream(all)) {
      for (Path log : logs) {
        try (InputStream in = log.toString().endsWith(".gz")
            ? new GZIPInputStream(Files.newInputStream(log)) : Files.newInputStream(log)) {
          in.transferTo(out);
        }
        if (!endsWithNewline(log)) {
          out.write('\n'); // else its last line and the next file's first would be one line to pflogsumm
        }
      }
    }
    return all;
  }

  private static boolean endsWithNewline(Path log) throws IOException {
    if (log.toString().endsWith(".gz")) {
      return true; // the sample sets' rotated logs are whole
    }
    byte[] bytes = Files.readAllBytes(log);
    return bytes.length == 0 || bytes[bytes.length - 1] == '\n';
  }

  private static String runPflogsumm(Path program, Path log) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(program.toString(), log.toString()).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pflogsumm finished").isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    return text;
  }

  /** A count as pflogsumm prints it: whole kilobytes ("k") over 512 KiB, megabytes ("m") over 512 MiB. */
  static String pflogsummUnits(long value) {
    if (value > 536_870_912L) {
      return value / 1_048_576L + "m";
    }
    return value > 524_288L ? value / 1024 + "k" : Long.toString(value);
  }

  private static String number(Matcher m, int group) {
    return m.group(group) + m.group(group + 1).strip();
  }

  @Test
  void grandTotalsAndDomainDeliveriesEqualPflogsumm() throws Exception {
    Path program = pflogsumm();
    List<Path> logs = postfixLogs();
    assertThat(logs).as("sample-logs/postfix mail.log*").hasSizeGreaterThanOrEqualTo(4);
    String report = runPflogsumm(program, plainText(logs));

    Map<String, String> theirs = new TreeMap<>();
    Map<String, String> theirDomains = new TreeMap<>();
    for (String line : report.lines().toList()) {
      Matcher total = TOTAL.matcher(line);
      if (total.matches() && !theirs.containsKey(total.group(3))) {
        theirs.put(total.group(3), number(total, 1));
        if (total.group(4) != null) {
          theirs.put("deferrals", number(total, 4));
        }
      }
      Matcher domain = DOMAIN.matcher(line);
      if (domain.matches()) {
        theirDomains.put(domain.group(7),
            "sent " + number(domain, 1) + ", bytes " + number(domain, 3) + ", defers " + number(domain, 5));
      }
    }
    assertThat(theirs).as(report).containsKeys("received", "delivered", "deferred", "deferrals", "bounced");

    Path copy = Files.createDirectories(temp.resolve("logs"));
    for (Path log : logs) {
      Path target = copy.resolve(SAMPLE_LOGS.relativize(log).toString().replace('/', '-'));
      Files.copy(log, target);
      // classic syslog has no year: the file's date gives it, as on the server the day after
      Files.setLastModifiedTime(target, FileTime.from(Instant.parse("2026-11-23T23:00:00Z")));
    }
    String data = temp.resolve("data").toString();
    CliRun index = CliRun.of("index", "--data", data, "--timezone", "UTC", copy.toString());
    assertThat(index.exitCode()).as(index.err()).isZero();
    CliRun stats = CliRun.of("stats", "--data", data, "--by", "domain", "--format", "json");
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    DiscardAgent discards = discardAgentRows(data);
    JsonNode total = null;
    Map<String, String> ourDomains = new TreeMap<>();
    long deliveredDomains = 0;
    for (JsonNode node : stats.jsonLines()) {
      if (node.get("by").asText().equals("total")) {
        total = node;
        continue;
      }
      String domain = node.get("key").asText();
      long sent = node.get("delivered").asLong() + discards.rows().getOrDefault(domain, 0L);
      long bytes = node.get("bytes_delivered").asLong() + discards.bytes().getOrDefault(domain, 0L);
      long defers = node.get("deferrals").asLong();
      if (sent > 0 || defers > 0) {
        ourDomains.put(domain, "sent " + pflogsummUnits(sent) + ", bytes " + pflogsummUnits(bytes) + ", defers "
            + pflogsummUnits(defers));
      }
      deliveredDomains += sent > 0 ? 1 : 0;
    }
    assertThat(total).isNotNull();
    long discardedByAgent = discards.rows().values().stream().mapToLong(Long::longValue).sum();
    long bytesDiscardedByAgent = discards.bytes().values().stream().mapToLong(Long::longValue).sum();

    Map<String, String> ours = new TreeMap<>();
    ours.put("received", pflogsummUnits(total.get("received").asLong()));
    ours.put("delivered", pflogsummUnits(total.get("delivered").asLong() + discardedByAgent));
    ours.put("forwarded", pflogsummUnits(total.get("forwarded").asLong()));
    ours.put("deferred", pflogsummUnits(total.get("messages_deferred").asLong()));
    ours.put("deferrals", pflogsummUnits(total.get("deferrals").asLong()));
    ours.put("bounced", pflogsummUnits(total.get("bounced").asLong()));
    ours.put("rejected", pflogsummUnits(total.get("rejected").asLong()));
    ours.put("discarded", pflogsummUnits(total.get("discarded").asLong() - discardedByAgent));
    ours.put("bytes received", pflogsummUnits(total.get("bytes_received").asLong()));
    ours.put("bytes delivered", pflogsummUnits(total.get("bytes_delivered").asLong() + bytesDiscardedByAgent));
    ours.put("recipient hosts/domains", pflogsummUnits(deliveredDomains));

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(ours).as("Grand Totals (pflogsumm's output:%n%s)", report).isEqualTo(theirs);
    softly.assertThat(ourDomains).as("Host/Domain Summary: Message Delivery").isEqualTo(theirDomains);
    softly.assertThat(theirDomains).as("pflogsumm's domain table was read").isNotEmpty();
    softly.assertThat(discardedByAgent).as("the corpus has discard(8) deliveries to move").isPositive();
    softly.assertAll();
  }

  /** The DISCARDED rows decided by the discard(8) transport, and their messages' sizes, per recipient domain. */
  private record DiscardAgent(Map<String, Long> rows, Map<String, Long> bytes) {}

  private static DiscardAgent discardAgentRows(String data) {
    CliRun trace = CliRun.of("trace", "--data", data, "--status", "DISCARDED", "--format", "json", "--limit", "0");
    assertThat(trace.exitCode()).as(trace.err()).isZero();
    Map<String, Long> rows = new TreeMap<>();
    Map<String, Long> bytes = new TreeMap<>();
    for (JsonNode row : trace.jsonLines()) {
      boolean byAgent = false;
      long size = 0;
      for (JsonNode evidence : row.get("evidence")) {
        String text = evidence.get("text").asText();
        byAgent |= DISCARD_AGENT.matcher(text).find();
        Matcher sized = SIZE.matcher(text);
        size = sized.find() ? Long.parseLong(sized.group(1)) : size;
      }
      if (byAgent) {
        String recipient = row.get("recipient").asText();
        String domain = recipient.substring(recipient.lastIndexOf('@') + 1);
        rows.merge(domain, 1L, Long::sum);
        bytes.merge(domain, size, Long::sum);
      }
    }
    return new DiscardAgent(rows, bytes);
  }

  @Test
  void pflogsummUnitsRoundDownLikeItsPrintf() {
    assertThat(pflogsummUnits(524_288)).isEqualTo("524288");
    assertThat(pflogsummUnits(524_289)).isEqualTo("512k");
    assertThat(pflogsummUnits(536_870_913)).isEqualTo("512m");
  }
}
