package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.store.opensearch.OpenSearchCluster;
import org.smtptrail.store.opensearch.SecuredProxy;
import org.smtptrail.store.opensearch.SharedOpenSearch;

/**
 * {@code --store-credentials} and {@code --store-ca} as a user gives them, to a cluster behind TLS and credentials
 * ({@link SecuredProxy}): the commands answer as over plain HTTP; a refused password, a file others can read and an
 * untrusted certificate are each one line saying what to do; and the password is in no output, no error, no
 * {@code /metrics} and not in the process list of {@code serve}.
 */
@ExtendWith(SharedOpenSearch.class)
class StoreAccessCliIT {
  @TempDir static Path temp;
  private static SecuredProxy proxy;
  private static String secured;
  private static String plain;
  private static String data;

  @BeforeAll
  static void indexTheSamplesThroughTheProxy(OpenSearchCluster cluster) throws Exception {
    proxy = SecuredProxy.startOrSkip(cluster.httpUri(), temp.resolve("proxy"));
    secured = proxy.httpsUrl() + "/cliaccess";
    plain = cluster.httpUri().toString().replaceAll("/+$", "") + "/cliaccess";
    data = temp.resolve("agent").toString();
    CliRun indexed = CliRun.of(withAccess("index", "--data", data, ServedIndex.SAMPLES.resolve("postfix").toString()));
    assertThat(indexed.exitCode()).as(indexed.err()).isZero();
    assertNoSecret(indexed.out() + indexed.err());
  }

  @AfterAll
  static void stopTheProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private static String[] withAccess(String... command) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of(command));
    args.addAll(List.of("--store", secured, "--store-credentials", proxy.basicCredentials().toString(),
        "--store-ca", proxy.caFile().toString()));
    return args.toArray(String[]::new);
  }

  private static void assertNoSecret(String text) {
    assertThat(text).doesNotContain(proxy.password()).doesNotContain(proxy.apiKey());
  }

  @Test
  void throughTlsAndCredentialsTheAnswersAreThoseOverPlainHttp() throws IOException {
    String recipient = CliRun.of("trace", "--format", "json", "--limit", "1", "--data", data, "--store", plain)
        .jsonLines().getFirst().get("recipient").asText();
    for (String[] command : List.of(new String[] {"trace", "--format", "json", "--limit", "0", "--evidence"},
        new String[] {"stats", "--by", "domain"}, new String[] {"check", "--to", recipient})) {
      CliRun expected = CliRun.of(concat(command, "--data", data, "--store", plain));
      CliRun run = CliRun.of(withAccess(concat(command, "--data", data)));
      assertThat(run.out()).as(String.join(" ", command)).isEqualTo(expected.out()).isNotEmpty();
      assertThat(run.exitCode()).isEqualTo(expected.exitCode());
    }
  }

  @Test
  void aRefusedPasswordIsOneLineNamingTheOption() throws IOException {
    CliRun run = CliRun.of("trace", "--to", "alice@accept.example.net", "--data", data, "--store", secured,
        "--store-credentials", proxy.wrongCredentials().toString(), "--store-ca", proxy.caFile().toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(firstLine(run)).contains("401", "--store-credentials");
    assertNoSecret(run.out() + run.err());
  }

  @Test
  void aCredentialsFileOthersCanReadIsRefusedBeforeAnyConnection() throws IOException {
    Path open = Files.copy(proxy.basicCredentials(), temp.resolve("open.yaml"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    CliRun run = CliRun.of("trace", "--to", "alice@accept.example.net", "--data", data, "--store", secured,
        "--store-credentials", open.toString(), "--store-ca", proxy.caFile().toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("chmod 600 " + open);
    assertNoSecret(run.out() + run.err());
  }

  @Test
  void anUntrustedCertificateSaysToGiveTheCa() throws IOException {
    CliRun run = CliRun.of("trace", "--to", "alice@accept.example.net", "--data", data, "--store", secured,
        "--store-credentials", proxy.basicCredentials().toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(firstLine(run)).contains("could not be reached over TLS", "--store-ca");
  }

  @Test
  void theConfigFileNamesTheCredentialsAndTheCaBesideIt() throws IOException {
    Path folder = Files.createDirectories(temp.resolve("etc"));
    Files.copy(proxy.apiKeyCredentials(), folder.resolve("store-credentials.yaml"));
    Files.copy(proxy.caFile(), folder.resolve("ca.pem"));
    Path config = Files.writeString(folder.resolve("smtptrail.yaml"), "store: " + secured
        + "\nstore_credentials: store-credentials.yaml\nstore_ca: ca.pem\nsources:\n  - path: "
        + ServedIndex.SAMPLES.resolve("xeams").toAbsolutePath() + "\n    timezone: UTC\n");
    CliRun indexed = CliRun.of("index", "--config", config.toString(), "--data", temp.resolve("configured").toString());
    assertThat(indexed.exitCode()).as(indexed.err()).isZero();
    assertThat(indexed.out()).contains("xeams");
  }

  /**
   * serve, in its own process as a service runs it, with the credentials file from the environment: the process
   * list shows the file's name, never the password, and neither /metrics nor the server's output holds it.
   */
  @Test
  void serveKeepsThePasswordOutOfTheProcessListMetricsAndOutput() throws Exception {
    ChildCli serve = ChildCli.start(temp.resolve("serve.out"),
        Map.of("SMTPTRAIL_STORE_CREDENTIALS", proxy.basicCredentials().toString(),
            "SMTPTRAIL_STORE_CA", proxy.caFile().toString()),
        "serve", "--data", data, "--store", secured, "--port", "0", "--max-seconds", "120");
    try (HttpClient http = HttpClient.newHttpClient()) {
      URI server = serve.servingAt();
      HttpResponse<String> trace = http.send(HttpRequest.newBuilder(server.resolve(
          "/api/trace?to=alice@accept.example.net")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(trace.statusCode()).as(trace.body()).isEqualTo(200);
      assertThat(trace.body()).contains("alice@accept.example.net");
      String metrics = http.send(HttpRequest.newBuilder(server.resolve("/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("smtptrail_");
      assertNoSecret(metrics);
      String commandLine = Files.readString(Path.of("/proc", Long.toString(serve.pid()), "cmdline"),
          StandardCharsets.UTF_8).replace('\0', ' ');
      assertThat(commandLine).contains("serve", secured);
      assertNoSecret(commandLine);
    } finally {
      serve.process().destroy();
      serve.exitCode(30);
    }
    assertNoSecret(serve.printed());
  }

  /** The error itself: the CLI's one line (a second one only says where the details are). */
  private static String firstLine(CliRun run) {
    assertThat(run.err().lines().skip(1)).allMatch(line -> line.contains("--verbose"));
    return run.err().lines().findFirst().orElse("");
  }

  private static String[] concat(String[] command, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(command));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}
