package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;

/**
 * Issue 23: a filter a user types costs a bounded amount, through {@code serve} and the CLI alike. Before, 20,000
 * stars in {@code /api/trace?to=} grew the server to 5.9 GB and ended in an OutOfMemoryError, and 5,000 times
 * {@code a*} then {@code b} was a 500. Now runs of stars are one star, and what could match nothing or would cost
 * too much is refused at once: a 400 with a one-line reason from the server, a usage error (exit 2, one line) from
 * the CLI. Times are checked against a generous bound only: the point is "not seconds".
 */
class QueryLimitsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration NOT_SECONDS = Duration.ofSeconds(2);
  private static final String STARS = "*".repeat(20_000) + "@accept.example.net";
  private static final String A_STARS_B = "a*".repeat(5_000) + "b";
  private static final String TOO_COMPLEX = "*a" + "?".repeat(40);

  @TempDir static Path temp;
  private static ServedIndex served;
  private static String data;

  @BeforeAll
  static void serveTheSamples() throws IOException {
    data = temp.resolve("data").toString();
    served = ServedIndex.samples(temp, ServedIndex.settings());
  }

  @AfterAll
  static void stop() throws IOException {
    served.close();
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The response, checked to have come within the bound. */
  private static HttpResponse<String> timed(String pathAndQuery) throws IOException {
    long start = System.nanoTime();
    HttpResponse<String> response = served.get(pathAndQuery);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).as("%s...", pathAndQuery.substring(0, Math.min(60, pathAndQuery.length())))
        .isLessThan(NOT_SECONDS);
    return response;
  }

  private static String refusal(String pathAndQuery) throws IOException {
    HttpResponse<String> response = timed(pathAndQuery);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("\n").startsWith("{\"error\":\"");
    return JSON.readTree(response.body()).get("error").asText();
  }

  @Test
  void twentyThousandStarsAreOneStarAndAnsweredAtOnce() throws IOException {
    HttpResponse<String> many = timed("/api/trace?to=" + encoded(STARS));
    assertThat(many.statusCode()).as(many.body()).isEqualTo(200);
    JsonNode rows = JSON.readTree(many.body()).get("rows");
    assertThat(rows).isNotEmpty();
    assertThat(rows).isEqualTo(JSON.readTree(served.get("/api/trace?to=" + encoded("*@accept.example.net")).body())
        .get("rows"));
    HttpResponse<String> check = timed("/api/check?to=" + encoded(STARS));
    assertThat(check.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(check.body()).get("verdict").asText()).isNotEqualTo("NO_RECORD");
  }

  @Test
  void whatCouldMatchNothingOrCostTooMuchIsA400SayingWhy() throws IOException {
    assertThat(refusal("/api/trace?to=" + encoded(A_STARS_B))).isEqualTo("to: this pattern needs at least 5001"
        + " characters, more than any address has (at most 254): it would match nothing");
    assertThat(refusal("/api/check?to=" + encoded(A_STARS_B))).startsWith("to: this pattern needs at least 5001");
    assertThat(refusal("/api/trace?from=" + encoded("a*".repeat(17) + "@x")))
        .startsWith("from: at most 16 '*' in a pattern, this one has 17");
    assertThat(refusal("/api/trace?to=" + encoded(TOO_COMPLEX)))
        .startsWith("to: this pattern is too complex to search");
    assertThat(refusal("/api/check?to=" + encoded(TOO_COMPLEX)))
        .startsWith("to: this pattern is too complex to search");
    assertThat(refusal("/api/trace?domain=" + "d".repeat(20_000))).startsWith("domain: this text has 20000");
    assertThat(refusal("/api/trace?message_id=" + "m".repeat(20_000))).startsWith("message_id: this text has");
    assertThat(refusal("/api/trace?id=" + "i".repeat(20_000))).startsWith("id: this text has 20000");

    JsonNode check = JSON.readTree(timed("/api/check?to=alice@accept.example.net").body());
    assertThat(check.get("verdict").asText()).as("still answering, and right").isEqualTo("HANDED_OVER");
    assertThat(served.log()).as("a refused filter is no fault of the server").isEmpty();
  }

  @Test
  void theCliRefusesTheSameAsAUsageErrorOnOneLine() {
    for (List<String> args : List.of(List.of("trace", "--to", A_STARS_B), List.of("check", "--to", A_STARS_B),
        List.of("trace", "--from", TOO_COMPLEX), List.of("trace", "--message-id", "m".repeat(999)),
        List.of("trace", "--server", served.url(), "--to", TOO_COMPLEX))) {
      List<String> command = new ArrayList<>(args);
      command.addAll(List.of("--data", data));
      CliRun run = CliRun.of(command.toArray(String[]::new));
      assertThat(run.exitCode()).as("%s: %s", args.subList(0, 2), run.err()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err().lines()).as(run.err()).hasSize(1);
      assertThat(run.out()).isEmpty();
    }
    assertThat(CliRun.of("trace", "--data", data, "--to", A_STARS_B).err()).isEqualTo("smtptrail: --to: this"
        + " pattern needs at least 5001 characters, more than any address has (at most 254): it would match"
        + " nothing\n");
    assertThat(CliRun.of("check", "--data", data, "--to", TOO_COMPLEX).err())
        .startsWith("smtptrail: --to: this pattern is too complex to search");
    assertThat(CliRun.of("trace", "--data", data, "--message-id", "m".repeat(999)).err())
        .startsWith("smtptrail: --message-id: this text has 999 characters");

    CliRun stars = CliRun.of("trace", "--data", data, "--to", STARS, "--format", "json");
    assertThat(stars.exitCode()).as(stars.err()).isZero();
    assertThat(stars.out()).isNotEmpty()
        .isEqualTo(CliRun.of("trace", "--data", data, "--to", "*@accept.example.net", "--format", "json").out());
  }
}
