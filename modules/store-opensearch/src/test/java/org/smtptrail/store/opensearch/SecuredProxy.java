package org.smtptrail.store.opensearch;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test node made to look like a production cluster: nginx in front of it, on 127.0.0.1, speaking TLS with a
 * certificate signed by a CA made here with openssl (for 127.0.0.1 and localhost), and answering 401 unless a request
 * carries the user's password (HTTP basic) or the API key. It also listens on 127.0.0.2, a loopback address its
 * certificate does not name. The integ-test distribution has no security plugin, and
 * a cluster reached through such a proxy is also how many teams expose one.
 *
 * <p>It writes the credentials files ({@link #basicCredentials}, {@link #apiKeyCredentials}) owner-only, and
 * {@link #caFile} for {@code --store-ca}. The secrets are made at random for each proxy, so that a test can look for
 * them in whatever must not hold them.
 */
public final class SecuredProxy implements AutoCloseable {
  private static final String NGINX = "/usr/sbin/nginx";

  private final Process nginx;
  private final Path folder;
  private final int port;
  private final String password;
  private final String apiKey;

  private SecuredProxy(Process nginx, Path folder, int port, String password, String apiKey) {
    this.nginx = nginx;
    this.folder = folder;
    this.port = port;
    this.password = password;
    this.apiKey = apiKey;
  }

  /** Starts nginx in front of {@code node}, its files in {@code folder}; skips (or fails in CI) without nginx. */
  public static SecuredProxy startOrSkip(URI node, Path folder) throws IOException, InterruptedException {
    try {
      return start(node, folder);
    } catch (OpenSearchUnavailableException e) {
      SharedOpenSearch.requireOrSkip(e);
      throw e;
    }
  }

  private static SecuredProxy start(URI node, Path folder) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(NGINX))) {
      throw new OpenSearchUnavailableException("no " + NGINX + " for the TLS proxy (apt-get install nginx-light)");
    }
    Files.createDirectories(folder);
    makeCertificates(folder);
    String password = "pw-" + randomText();
    String apiKey = "key-" + randomText();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String basic = Base64.getEncoder().encodeToString(("agent:" + password).getBytes(StandardCharsets.UTF_8));
    Files.writeString(folder.resolve("nginx.conf"), """
        daemon off;
        master_process off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log;
        events { worker_connections 256; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          client_max_body_size 200m;
          map $http_authorization $allowed {
            "Basic %2$s" 1;
            "ApiKey %3$s" 1;
            default 0;
          }
          server {
            listen 127.0.0.1:%4$d ssl;
            listen 127.0.0.2:%4$d ssl;
            ssl_certificate %1$s/node.pem;
            ssl_certificate_key %1$s/node.key;
            location / {
              if ($allowed = 0) {
                add_header WWW-Authenticate 'Basic realm="opensearch"' always;
                return 401 '{"error":{"type":"security_exception","reason":"missing or wrong credentials"},"status":401}';
              }
              proxy_pass http://%5$s:%6$d;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
            }
          }
        }
        """.formatted(folder, basic, apiKey, port, node.getHost(), node.getPort()));
    Process nginx = new ProcessBuilder(NGINX, "-p", folder.toString(), "-e", folder.resolve("error.log").toString(),
        "-c", folder.resolve("nginx.conf").toString()).redirectErrorStream(true)
        .redirectOutput(folder.resolve("nginx.out").toFile()).start();
    SecuredProxy proxy = new SecuredProxy(nginx, folder, port, password, apiKey);
    proxy.awaitListening();
    return proxy;
  }

  /** A CA, and a certificate it signs for 127.0.0.1 and localhost, made with openssl. */
  private static void makeCertificates(Path folder) throws IOException, InterruptedException {
    Files.writeString(folder.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    openssl(folder, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=smtptrail test CA");
    openssl(folder, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "node.key", "-out", "node.csr", "-subj", "/CN=127.0.0.1");
    openssl(folder, "x509", "-req", "-in", "node.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "node.pem", "-days", "2", "-extfile", "san.ext");
  }

  private static void openssl(Path folder, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
          .redirectOutput(folder.resolve("openssl.out").toFile()).start();
    } catch (IOException missing) {
      throw new OpenSearchUnavailableException("no openssl to make the proxy's certificates: " + missing.getMessage());
    }
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("openssl " + String.join(" ", args) + " failed: "
          + Files.readString(folder.resolve("openssl.out")));
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!nginx.isAlive()) {
        throw new IOException("nginx ended with " + nginx.exitValue() + ": "
            + Files.readString(folder.resolve("nginx.out")) + Files.readString(folder.resolve("error.log")));
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    close();
    throw new IOException("nginx did not listen on 127.0.0.1:" + port + " within 20 s");
  }

  private static String randomText() {
    byte[] bytes = new byte[12];
    new java.security.SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** {@code https://127.0.0.1:PORT}: the proxy, for a store URL. */
  public String httpsUrl() {
    return "https://127.0.0.1:" + port;
  }

  public Path caFile() {
    return folder.resolve("ca.pem");
  }

  /** The password the proxy takes, for tests that check it shows nowhere. */
  public String password() {
    return password;
  }

  public String apiKey() {
    return apiKey;
  }

  /** An owner-only credentials file with the user and the password the proxy takes. */
  public Path basicCredentials() throws IOException {
    return credentialsFile("basic.yaml", "username: agent\npassword: \"" + password + "\"\n");
  }

  /** An owner-only credentials file with the API key the proxy takes. */
  public Path apiKeyCredentials() throws IOException {
    return credentialsFile("apikey.yaml", "api_key: " + apiKey + "\n");
  }

  /** An owner-only credentials file with a password the proxy refuses. */
  public Path wrongCredentials() throws IOException {
    return credentialsFile("wrong.yaml", "username: agent\npassword: not-" + password + "\n");
  }

  private Path credentialsFile(String name, String content) throws IOException {
    Path file = folder.resolve(name);
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(file, content);
  }

  @Override
  public void close() {
    nginx.destroy();
    try {
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
        nginx.destroyForcibly();
      }
    } catch (InterruptedException e) {
      nginx.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
