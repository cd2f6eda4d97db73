package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;

/**
 * {@code serve --tail} answers from what its tailer read, not from what it committed (issue 25): with commits an hour
 * apart, a probe message written while a writer keeps the tailer busy is found, a DEFERRED row turns HANDED_OVER as
 * soon as its line is read, and no commit exists yet; then a kill -9 right after, and a restart reads every line again
 * from the last checkpoint (there is none: from the start), losing nothing and doubling nothing. No timing asserted.
 */
class ServeTailFreshnessIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBE = "probe@fresh.example.net";

  @TempDir Path temp;
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean writing = new AtomicBoolean(true);
  private ChildCli serve;

  @AfterEach
  void stop() {
    writing.set(false);
    if (serve != null && serve.process().isAlive()) {
      serve.process().destroyForcibly();
    }
    http.close();
  }

  @Test
  void aProbeIsFoundBeforeAnyCommitAndAKillRightAfterLosesNothing() throws Exception {
    Path log = temp.resolve("mail.log");
    Files.writeString(log, FaultLogs.line(0));
    String data = temp.resolve("data").toString();
    serve = ChildCli.start(temp.resolve("serve.out"), "serve", "--data", data, "--port", "0", "--timezone", "UTC",
        "--commit-ms", "3600000", "--tail", log.toString());
    URI server = serve.servingAt();

    // a busy log: a writer appends deliveries of their own (fault<n>@example.net) while the probe is written
    AtomicInteger written = new AtomicInteger(1);
    Thread writer = Thread.ofPlatform().start(() -> keepWriting(log, written));
    append(log, "Nov 23 23:00:00 mx1 postfix/qmgr[12]: 4AB12C3D4E: from=<alice@example.org>, size=900, nrcpt=1"
        + " (queue active)\n"
        + "Nov 23 23:00:01 mx1 postfix/smtp[13]: 4AB12C3D4E: to=<" + PROBE + ">, relay=mx.fresh.example.net"
        + "[203.0.113.9]:25, delay=1, delays=0/0/0/1, dsn=4.2.2, status=deferred (host mx.fresh.example.net"
        + "[203.0.113.9] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))\n");
    assertThat(verdictOnceItIs(server, "DEFERRED")).isEqualTo("DEFERRED");
    append(log, "Nov 23 23:05:01 mx1 postfix/smtp[13]: 4AB12C3D4E: to=<" + PROBE + ">, relay=mx.fresh.example.net"
        + "[203.0.113.9]:25, delay=301, delays=300/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9Z)\n"
        + "Nov 23 23:05:01 mx1 postfix/qmgr[12]: 4AB12C3D4E: removed\n");
    assertThat(verdictOnceItIs(server, "HANDED_OVER")).isEqualTo("HANDED_OVER");
    writing.set(false);
    writer.join();
    assertThat(commits(Path.of(data))).as("found before any commit (commits are an hour apart)").isEmpty();

    serve.process().destroyForcibly(); // SIGKILL: nothing committed, nothing checkpointed
    serve.process().waitFor();
    // restarted until a run finds nothing new: a run of 5 s may not read the whole backlog on a loaded machine, and
    // each restart resumes from the last checkpoint, as after any stop
    for (int run = 0; run < 20; run++) {
      CliRun tail = CliRun.of("tail", "--data", data, "--timezone", "UTC", "--max-seconds", "5", log.toString());
      assertThat(tail.exitCode()).as(tail.err()).isZero();
      if (tail.out().contains("stopped: 0 lines read")) {
        break;
      }
    }

    List<String> recipients = FaultLogs.recipients(data);
    Set<String> expected = FaultLogs.expected(written.get());
    expected.add(PROBE);
    assertThat(new HashSet<>(recipients)).as("every line read again").isEqualTo(expected);
    assertThat(recipients).as("none twice").hasSameSizeAs(expected);
    CliRun probe = CliRun.of("check", "--data", data, "--to", PROBE);
    assertThat(probe.out()).contains("HANDED_OVER");
  }

  @Test
  void aNegativeRefreshIntervalIsAUsageError() {
    CliRun run = CliRun.of("serve", "--data", temp.resolve("data").toString(), "--port", "0", "--refresh-ms", "-1",
        "--tail", temp.resolve("mail.log").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--refresh-ms -1: expected 0 or more milliseconds");
  }

  private void keepWriting(Path log, AtomicInteger written) {
    try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
      while (writing.get()) {
        synchronized (ServeTailFreshnessIT.class) { // as append: the two never write into each other's lines
          for (int i = 0; i < 200; i++) {
            out.write(FaultLogs.line(written.getAndIncrement()));
          }
          out.flush();
        }
        Thread.sleep(20);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Appends whole lines at once (the writer thread's lines are whole too: a line is never split between them). */
  private static synchronized void append(Path log, String lines) throws IOException {
    Files.writeString(log, lines, StandardOpenOption.APPEND);
  }

  /** Asks /api/check for the probe until the verdict is {@code wanted}; the last verdict after 60 s. */
  private String verdictOnceItIs(URI server, String wanted) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    String verdict = null;
    do {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server.resolve("api/check?to=" + PROBE)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 200) {
        JsonNode body = JSON.readTree(answer.body());
        verdict = body.path("verdict").asText(null);
      }
      if (wanted.equals(verdict)) {
        return verdict;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return verdict;
  }

  private static List<Path> commits(Path data) throws IOException {
    List<Path> commits = new ArrayList<>();
    Path index = data.resolve("index");
    if (Files.isDirectory(index)) {
      try (Stream<Path> files = Files.list(index)) {
        files.filter(f -> f.getFileName().toString().startsWith("segments_")).forEach(commits::add);
      }
    }
    return commits;
  }

}
