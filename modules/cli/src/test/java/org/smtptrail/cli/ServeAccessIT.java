package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.cli.serve.AccessTokens;
import org.smtptrail.cli.serve.QueryServer;
import org.smtptrail.cli.serve.Role;

/**
 * Who may ask {@code serve}: a non-loopback bind needs tokens; with tokens every request needs one (header or the
 * login form's cookie), else 401; a shared token file is refused; a support token (or {@code --support}) gets
 * redacted answers; without tokens only this machine's names are answered.
 */
class ServeAccessIT {
  private static final String ADMIN = "admin-0123456789abcdef";
  private static final String SUPPORT = "support-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path temp;
  private static Path data;

  @BeforeAll
  static void indexTheSamples() throws IOException {
    data = temp.resolve("data");
    ServedIndex.indexSamples(data, temp);
  }

  private static Path tokenFile(String name, String text, String mode) throws IOException {
    Path file = temp.resolve(name);
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private static AccessTokens tokens() throws IOException {
    return AccessTokens.read(tokenFile("tokens", "# who may ask\n" + ADMIN + "\nsupport " + SUPPORT + "\n",
        "rw-------"), Role.admin);
  }

  @Test
  void everyRequestWithoutAValidTokenIsRefused() throws IOException {
    try (ServedIndex served = ServedIndex.start(data, ServedIndex.settings(tokens(), false, 2000))) {
      for (String path : List.of("/api/trace?to=alice@accept.example.net", "/api/stats", "/api/session",
          "/metrics", "/api/events/postfix:mx1:NOPE", "/api/nope")) {
        for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer wrong-token-0123456"},
            new String[] {"Authorization", "Basic " + ADMIN}, new String[] {"Cookie", "smtptrail_session=made-up"})) {
          HttpResponse<String> refused = served.get(path, headers);
          assertThat(refused.statusCode()).as("%s %s", path, List.of(headers)).isEqualTo(401);
          assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"smtptrail\"");
          assertThat(JSON.readTree(refused.body()).get("error").asText()).contains("needs a token");
        }
        assertThat(served.get(path, "Authorization", "Bearer " + ADMIN).statusCode()).as(path).isNotEqualTo(401);
      }
      JsonNode rows = JSON.readTree(served.get("/api/trace?to=alice@accept.example.net", "Authorization",
          "Bearer " + ADMIN).body());
      assertThat(rows.get("rows")).hasSize(2);
      assertThat(rows.get("redacted").asBoolean()).isFalse();
      HttpResponse<String> page = served.get("/");
      assertThat(page.statusCode()).isEqualTo(401);
      assertThat(page.body()).as("the page asks for the token").contains("<form id=\"login\"")
          .contains("name=\"token\"");
      assertThat(served.get("/assets/app.css").statusCode()).as("assets carry no data").isEqualTo(200);
      assertThat(served.get("/login").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theLoginFormTradesATokenForAnHttpOnlyStrictCookie() throws IOException {
    try (ServedIndex served = ServedIndex.start(data, ServedIndex.settings(tokens(), false, 2000))) {
      HttpResponse<String> wrong = served.postForm("/login", "token=not-the-token-at-all");
      assertThat(wrong.statusCode()).isEqualTo(303);
      assertThat(wrong.headers().firstValue("Location")).hasValue("/login?failed");
      assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

      HttpResponse<String> login = served.postForm("/login", "token=" + SUPPORT);
      assertThat(login.statusCode()).isEqualTo(303);
      assertThat(login.headers().firstValue("Location")).hasValue("/");
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).startsWith("smtptrail_session=").contains("HttpOnly").contains("SameSite=Strict")
          .contains("Path=/");
      String session = cookie.substring(0, cookie.indexOf(';'));
      assertThat(served.get("/", "Cookie", session).statusCode()).isEqualTo(200);
      JsonNode who = JSON.readTree(served.get("/api/session", "Cookie", session).body());
      assertThat(who.get("role").asText()).isEqualTo("support");
      assertThat(who.get("login").asBoolean()).isTrue();

      HttpResponse<String> logout = served.postForm("/logout", "", "Cookie", session);
      assertThat(logout.statusCode()).isEqualTo(303);
      assertThat(logout.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
      assertThat(served.get("/api/session", "Cookie", session).statusCode()).as("logged out").isEqualTo(401);
    }
  }

  @Test
  void aSupportCallerSeesOnlyTheSearchedAddressWhole() throws IOException {
    try (ServedIndex served = ServedIndex.start(data, ServedIndex.settings(tokens(), false, 2000))) {
      String path = "/api/trace?to=alice@accept.example.net";
      String asAdmin = served.get(path, "Authorization", "Bearer " + ADMIN).body();
      String asSupport = served.get(path, "Authorization", "Bearer " + SUPPORT).body();
      assertThat(asAdmin).contains("mary@example.com");
      assertThat(asSupport).doesNotContain("mary@example.com").contains("***@example.com")
          .contains("alice@accept.example.net").contains("\"redacted\":true");
      CliRun redacted = CliRun.of("trace", "--data", data.toString(), "--to", "alice@accept.example.net", "--redact",
          "--format", "json");
      assertThat(JSON.readTree(asSupport).get("rows")).hasSize(2).allSatisfy(row ->
          assertThat(redacted.jsonLines()).contains(row));
      String events = served.get("/api/events/" + JSON.readTree(asAdmin).get("rows").get(0).get("key").asText(),
          "Authorization", "Bearer " + SUPPORT).body();
      assertThat(events).doesNotContain("mary@example.com").contains("***@example.com");
    }
    try (ServedIndex served = ServedIndex.start(data, ServedIndex.settings(null, true, 2000))) {
      assertThat(served.get("/api/check?to=alice@accept.example.net").body())
          .as("serve --support: everyone is support").doesNotContain("mary@example.com").contains("***@example.com");
    }
  }

  @Test
  void aNonLoopbackBindNeedsATokenAndThenRefusesRequestsWithoutIt() throws IOException {
    InetAddress any = InetAddress.getByName("0.0.0.0");
    assertThatThrownBy(() -> new QueryServer.Settings(any, 0, null, false, 4, 100, ServedIndex.BUDGET,
        Duration.ofMillis(50), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--token-file");
    CliRun refused = CliRun.of("serve", "--data", data.toString(), "--bind", "0.0.0.0", "--port", "0");
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("not a loopback address").contains("--token-file");
    QueryServer.Settings open = new QueryServer.Settings(any, 0, tokens(), false, 4, 100, ServedIndex.BUDGET,
        Duration.ofMillis(50), Duration.ZERO);
    try (ServedIndex served = ServedIndex.start(data, open)) {
      // reached here over loopback only: this machine's own address
      String bare = served.raw("GET /api/session HTTP/1.1\r\nHost: smtptrail.example.net\r\nConnection: close\r\n\r\n");
      assertThat(bare).startsWith("HTTP/1.1 401 ");
      String withToken = served.raw("GET /api/session HTTP/1.1\r\nHost: smtptrail.example.net\r\nAuthorization: Bearer "
          + ADMIN + "\r\nConnection: close\r\n\r\n");
      assertThat(withToken).startsWith("HTTP/1.1 200 ");
    }
  }

  @Test
  void withoutTokensOnlyThisMachinesNamesAreAnswered() throws IOException {
    try (ServedIndex served = ServedIndex.start(data, ServedIndex.settings())) {
      for (String host : List.of("127.0.0.1:8025", "localhost", "LOCALHOST:1", "[::1]:8025")) {
        assertThat(served.raw("GET /api/session HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"))
            .as(host).startsWith("HTTP/1.1 200 ");
      }
      String rebound = served.raw("GET /api/trace HTTP/1.1\r\nHost: attacker.example:8025\r\nConnection: close\r\n\r\n");
      assertThat(rebound).as("a DNS-rebinding page").startsWith("HTTP/1.1 403 ").doesNotContain("\"rows\"");
    }
  }

  @Test
  void aTokenFileOthersCanReadOrWithoutGoodTokensIsRefused() throws IOException {
    assertThatThrownBy(() -> AccessTokens.read(tokenFile("shared", ADMIN + "\n", "rw-r--r--"), Role.admin))
        .hasMessageContaining("readable or writable by others").hasMessageContaining("chmod 600");
    assertThatThrownBy(() -> AccessTokens.read(tokenFile("short", "tooshort\n", "rw-------"), Role.admin))
        .hasMessageContaining("short:1").hasMessageContaining("at least 16 characters");
    assertThatThrownBy(() -> AccessTokens.read(tokenFile("role", "boss " + ADMIN + "\n", "rw-------"), Role.admin))
        .hasMessageContaining("unknown role 'boss'");
    assertThatThrownBy(() -> AccessTokens.read(tokenFile("empty", "# none\n\n", "rw-------"), Role.admin))
        .hasMessageContaining("no token in");
    CliRun shared = CliRun.of("serve", "--data", data.toString(), "--port", "0", "--token-file",
        temp.resolve("shared").toString());
    assertThat(shared.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(shared.err()).contains("chmod 600");
  }
}
