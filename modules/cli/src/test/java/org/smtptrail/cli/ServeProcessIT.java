package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code smtptrail serve} in its own JVM, as a person runs it: it answers 503 with what to run until something is
 * indexed, then sees what another process indexes, or what its own {@code --tail} reads, without a restart; and
 * Ctrl-C stops it cleanly. No timing is asserted: each wait has a generous deadline.
 */
class ServeProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private final HttpClient http = HttpClient.newHttpClient();
  private ChildCli serve;

  @AfterEach
  void stopTheServer() {
    if (serve != null && serve.process().isAlive()) {
      serve.process().destroyForcibly();
    }
    http.close();
  }

  private URI start(String... args) throws IOException, InterruptedException {
    serve = ChildCli.start(temp.resolve("serve.out"), args);
    return serve.servingAt();
  }

  private HttpResponse<String> get(URI server, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(server.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GETs until the answer satisfies {@code done} (30 s at most). */
  private HttpResponse<String> await(URI server, String path, Predicate<HttpResponse<String>> done)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    HttpResponse<String> response = get(server, path);
    while (!done.test(response) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      response = get(server, path);
    }
    return response;
  }

  @Test
  void answers503UntilIndexedThenSeesWhatAnotherProcessIndexes() throws Exception {
    String data = temp.resolve("data").toString();
    URI server = start("serve", "--data", data, "--port", "0", "--max-seconds", "120");
    HttpResponse<String> empty = get(server, "/api/trace?to=fault0@example.net");
    assertThat(empty.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(empty.body()).get("error").asText()).contains("smtptrail index")
        .as("no path of this machine in an answer to the network").doesNotContain(data);
    assertThat(get(server, "/metrics").body()).contains("smtptrail_index_up 0");

    FaultLogs.write(temp.resolve("first"), 1, 3);
    assertThat(CliRun.of("index", "--data", data, "--timezone", "UTC", temp.resolve("first").toString())
        .exitCode()).isZero();
    HttpResponse<String> first = await(server, "/api/check?to=fault2@example.net", r -> r.statusCode() == 200);
    assertThat(JSON.readTree(first.body()).get("verdict").asText()).isEqualTo("HANDED_OVER");

    Files.writeString(temp.resolve("first").resolve("host0.log"), FaultLogs.line(3), StandardOpenOption.APPEND);
    assertThat(CliRun.of("index", "--data", data, "--timezone", "UTC", temp.resolve("first").toString())
        .exitCode()).isZero();
    HttpResponse<String> more = await(server, "/api/check?to=fault3@example.net",
        r -> r.body().contains("HANDED_OVER"));
    assertThat(JSON.readTree(more.body()).get("exit_code").asInt()).as(more.body()).isZero();
    assertThat(JSON.readTree(get(server, "/api/trace?domain=example.net").body()).get("rows")).hasSize(4);

    serve.interrupt();
    serve.exitCode(30);
    assertThat(serve.printed()).contains("stopped");
  }

  @Test
  void serveTailIndexesAndAnswersInOneProcess() throws Exception {
    Path log = temp.resolve("mail.log");
    Files.writeString(log, FaultLogs.line(0));
    String data = temp.resolve("data").toString();
    URI server = start("serve", "--data", data, "--port", "0", "--max-seconds", "120", "--timezone", "UTC",
        "--tail", log.toString());
    assertThat(serve.printed()).contains("following [" + log);
    await(server, "/api/check?to=fault0@example.net", r -> r.body().contains("HANDED_OVER"));
    Files.writeString(log, FaultLogs.line(1) + FaultLogs.line(2), StandardOpenOption.APPEND);
    HttpResponse<String> appended = await(server, "/api/check?to=fault2@example.net",
        r -> r.body().contains("HANDED_OVER"));
    assertThat(JSON.readTree(appended.body()).get("verdict").asText()).isEqualTo("HANDED_OVER");
    String metrics = await(server, "/metrics", r -> r.body().contains("smtptrail_tail_lines_read_total 3\n")).body();
    assertThat(metrics).contains("smtptrail_store_errors_total 0\n", "smtptrail_store_retries_total 0\n",
        "smtptrail_store_waiting 0\n");
    assertThat(metrics).contains("smtptrail_tail_up 1\n").contains("smtptrail_tail_lines_read_total 3\n")
        .contains("smtptrail_tail_last_line_read_timestamp_seconds ");
    JsonNode rows = JSON.readTree(get(server, "/api/trace?domain=example.net").body()).get("rows");
    assertThat(rows).hasSize(3);

    serve.interrupt();
    serve.exitCode(30);
    assertThat(serve.printed()).contains("stopped");
    CliRun after = CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0");
    assertThat(after.jsonLines()).as("the tail committed before the server stopped").hasSize(3);
  }
}
