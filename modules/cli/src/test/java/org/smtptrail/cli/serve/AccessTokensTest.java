package org.smtptrail.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AccessTokens}: roles per token, the default role, and what a client reads from the same file. */
class AccessTokensTest {
  @TempDir Path temp;

  private Path file(String text) throws IOException {
    Path file = temp.resolve("tokens");
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void eachTokenHasItsRoleAndNothingElseMatches() throws IOException {
    AccessTokens tokens = AccessTokens.read(file("""
        # the team
        0123456789abcdef-plain
          support   0123456789abcdef-support
        ADMIN 0123456789abcdef-admin
        """), Role.support);
    assertThat(tokens.roleOf("0123456789abcdef-plain")).as("no role: the default").hasValue(Role.support);
    assertThat(tokens.roleOf("0123456789abcdef-support")).hasValue(Role.support);
    assertThat(tokens.roleOf("0123456789abcdef-admin")).hasValue(Role.admin);
    assertThat(tokens.roleOf("0123456789abcdef-admi")).isEmpty();
    assertThat(tokens.roleOf("")).isEmpty();
    assertThat(tokens.roleOf(null)).isEmpty();
  }

  @Test
  void aTokenFileInAFolderOthersCanWriteIsRefused() throws IOException {
    Path folder = Files.createDirectory(temp.resolve("shared"));
    Path file = Files.writeString(folder.resolve("tokens"), "0123456789abcdef-plain\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> AccessTokens.read(file, Role.admin)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the folder " + folder.toRealPath() + " is writable by others")
        .hasMessageContaining("chmod go-w");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwx---"));
    assertThatThrownBy(() -> AccessTokens.read(file, Role.admin)).as("group-writable")
        .hasMessageContaining("is writable by others");
    Files.setAttribute(folder, "unix:mode", 01777);
    assertThat(AccessTokens.read(file, Role.admin).roleOf("0123456789abcdef-plain"))
        .as("a sticky folder, as /tmp: nobody else can move the file").hasValue(Role.admin);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    assertThat(AccessTokens.read(file, Role.admin).roleOf("0123456789abcdef-plain")).hasValue(Role.admin);
  }

  @Test
  void aTokenFileInAFolderOfAnotherUserIsRefused() throws IOException {
    assumeTrue(System.getProperty("user.name").equals("root"), "only root can give a folder to another user");
    Path folder = Files.createDirectory(temp.resolve("theirs"));
    Path file = Files.writeString(folder.resolve("tokens"), "0123456789abcdef-plain\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.setOwner(folder, folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    assertThatThrownBy(() -> AccessTokens.read(file, Role.admin)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(folder.toRealPath() + " belongs to nobody");
  }

  @Test
  void aClientReadsTheTokenOfTheFirstLine() throws IOException {
    assertThat(AccessTokens.clientToken(file("\n# mine\nsupport 0123456789abcdef-support\nother\n")))
        .isEqualTo("0123456789abcdef-support");
    assertThat(AccessTokens.clientToken(file("0123456789abcdef-plain\n"))).isEqualTo("0123456789abcdef-plain");
  }
}
