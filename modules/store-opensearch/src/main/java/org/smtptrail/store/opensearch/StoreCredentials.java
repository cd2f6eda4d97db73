package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;

/**
 * How the store proves who it is to the cluster: nothing, a user name and password (HTTP basic), or an API key. They
 * come from a file only ({@link #read}), never from the command line or the URL, where the process list and the logs
 * would show them; and no message or {@code toString} ever holds the secret.
 */
public sealed interface StoreCredentials {
  /** No credentials: a cluster without the security plugin, or one behind a proxy that authenticates. */
  StoreCredentials NONE = new None();

  /** The {@code Authorization} header's value, or null when there are no credentials. */
  String authorization();

  /** Cluster access without credentials. */
  record None() implements StoreCredentials {
    @Override
    public String authorization() {
      return null;
    }

    @Override
    public String toString() {
      return "no credentials";
    }
  }

  /** A user of the cluster's security plugin (or of a proxy in front of it), sent as HTTP basic authentication. */
  record Basic(String username, String password) implements StoreCredentials {
    @Override
    public String authorization() {
      return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
          .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "user " + username + " (password not shown)";
    }
  }

  /** An API key, sent as {@code Authorization: ApiKey KEY} (OpenSearch's API tokens, or a proxy's keys). */
  record ApiKey(String key) implements StoreCredentials {
    @Override
    public String authorization() {
      return "ApiKey " + key;
    }

    @Override
    public String toString() {
      return "an API key (not shown)";
    }
  }

  /**
   * Reads a credentials file: YAML with {@code username:} and {@code password:}, or {@code api_key:}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong: it is missing, others can read or write it
   *                                  (it must be owner-only: {@code chmod 600}), or it holds neither or both kinds
   *                                  of credentials, or a key it does not know; never quoting its content
   */
  static StoreCredentials read(Path file) throws IOException {
    requireOwnerOnly(file);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException missing) {
      throw new IllegalArgumentException("store credentials file " + file + ": no such file");
    } catch (IOException unreadable) {
      throw new IOException("store credentials file " + file + " cannot be read: " + unreadable.getMessage(),
          unreadable);
    }
    JsonNode document;
    try {
      document = new ObjectMapper(new YAMLFactory()).readTree(content);
    } catch (JsonProcessingException bad) {
      // the parser's message may quote the line, and the line may be the password
      String line = bad.getLocation() == null ? "" : " (line " + bad.getLocation().getLineNr() + ")";
      throw new IllegalArgumentException("store credentials file " + file + " is not YAML" + line + ": expected 'username:' and 'password:', or 'api_key:'");
    }
    if (document == null || !document.isObject()) {
      throw new IllegalArgumentException("store credentials file " + file
          + " is empty: expected 'username:' and 'password:', or 'api_key:'");
    }
    for (Iterator<String> keys = document.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!Set.of("username", "password", "api_key").contains(key)) {
        throw new IllegalArgumentException("store credentials file " + file + " has an unknown key '" + key
            + "': expected 'username:' and 'password:', or 'api_key:'");
      }
    }
    String username = text(document, "username");
    String password = text(document, "password");
    String apiKey = text(document, "api_key");
    if (apiKey != null && username == null && password == null) {
      return new ApiKey(apiKey);
    }
    if (apiKey == null && username != null && password != null) {
      if (username.contains(":")) {
        throw new IllegalArgumentException("store credentials file " + file
            + ": a user name cannot hold ':' in HTTP basic authentication");
      }
      return new Basic(username, password);
    }
    throw new IllegalArgumentException("store credentials file " + file
        + " must hold either 'username:' and 'password:' (both, not empty) or 'api_key:' alone");
  }

  private static String text(JsonNode document, String key) {
    JsonNode value = document.get(key);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().strip();
  }

  /** Refuses a file that anyone but its owner may read or write: a secret there is no secret. */
  private static void requireOwnerOnly(Path file) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix == null) {
      return; // a file system without POSIX permissions: nothing to check
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = posix.readAttributes().permissions();
    } catch (NoSuchFileException missing) {
      throw new IllegalArgumentException("store credentials file " + file + ": no such file");
    }
    Set<PosixFilePermission> others = EnumSet.copyOf(permissions);
    others.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE));
    if (!others.isEmpty()) {
      throw new IllegalArgumentException("store credentials file " + file + " is open to others ("
          + PosixFilePermissions.toString(permissions) + "): make it owner-only with 'chmod 600 " + file + "'");
    }
  }
}
