package org.smtptrail.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials file and the CA file, as read before any connection: what is refused, and that no secret leaks. */
class StoreAccessTest {
  private static final String SECRET = "s3cr3t-Pa55";

  @TempDir Path folder;

  @Test
  void aUserAndPasswordAreSentAsBasicAuthenticationAndNeverShown() throws IOException {
    StoreAccess access = StoreAccess.of(file("username: agent\npassword: \"" + SECRET + "\"\n"), null);

    assertThat(access.credentials()).isInstanceOf(StoreCredentials.Basic.class);
    assertThat(access.credentials().authorization()).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString(("agent:" + SECRET).getBytes(StandardCharsets.UTF_8)));
    assertThat(access.toString()).contains("agent").doesNotContain(SECRET);
    assertThat(OpenSearchStore.of("http://os1:9200").withAccess(access).toString()).doesNotContain(SECRET);
  }

  @Test
  void anApiKeyIsSentAsSuch() throws IOException {
    StoreAccess access = StoreAccess.of(file("api_key: " + SECRET + "\n"), null);

    assertThat(access.credentials().authorization()).isEqualTo("ApiKey " + SECRET);
    assertThat(access.toString()).doesNotContain(SECRET);
  }

  @Test
  void aFileOthersMayReadIsRefusedWithTheCommandThatFixesIt() throws IOException {
    Path file = file("username: agent\npassword: " + SECRET + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> StoreAccess.of(file, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("chmod 600").hasMessageNotContaining(SECRET);

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
    assertThatThrownBy(() -> StoreAccess.of(file, null)).hasMessageContaining("open to others");
  }

  @Test
  void incompleteAmbiguousOrBrokenFilesAreRefusedWithoutQuotingThem() throws IOException {
    for (String content : new String[] {"username: agent\n", "password: " + SECRET + "\n",
        "username: agent\npassword: " + SECRET + "\napi_key: " + SECRET + "\n", "", "user: agent\npass: " + SECRET,
        "username: agent\npassword: [" + SECRET + "\n", "username: a:b\npassword: " + SECRET + "\n"}) {
      Path file = file(content);
      assertThatThrownBy(() -> StoreAccess.of(file, null)).as(content).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(file.toString()).hasMessageNotContaining(SECRET);
    }
    assertThatThrownBy(() -> StoreAccess.of(folder.resolve("missing.yaml"), null))
        .hasMessageContaining("missing.yaml").hasMessageContaining("no such file");
    Path directory = Files.createDirectory(folder.resolve("a-folder"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    assertThatThrownBy(() -> StoreAccess.of(directory, null)).hasMessageContaining(directory.toString())
        .hasMessageContaining("cannot be read");
  }

  @Test
  void aCaFileMustHoldACertificate() throws IOException {
    Path notPem = Files.writeString(folder.resolve("ca.pem"), "not a certificate\n");

    assertThatThrownBy(() -> StoreAccess.of(null, notPem)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(notPem.toString());
    assertThatThrownBy(() -> StoreAccess.of(null, folder.resolve("none.pem"))).hasMessageContaining("no such file");
    assertThatThrownBy(() -> StoreAccess.of(null, folder)).hasMessageContaining(folder.toString());
    assertThat(StoreAccess.of(null, null)).isEqualTo(StoreAccess.NONE);
  }

  private Path file(String content) throws IOException {
    Path file = Files.createTempFile(folder, "credentials", ".yaml",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(file, content);
  }
}
