package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobFilesTest {
  @TempDir Path temp;

  private void touch(String... names) throws IOException {
    for (String name : names) {
      Path file = temp.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "x\n");
    }
  }

  private List<String> matching(String glob) throws IOException {
    return GlobFiles.matching(temp, glob).stream().map(p -> temp.relativize(p).toString()).toList();
  }

  @Test
  void aStarStaysWithinOneNameAndTwoStarsCrossFolders() throws IOException {
    touch("log/mail.log", "log/mail.log.1", "log/mail.log.2.gz", "log/maillog", "log/old/mail.log.9",
        "log/.mail.log.swp", "other/mail.log");
    assertThat(matching("log/mail.log*")).containsExactly("log/mail.log", "log/mail.log.1", "log/mail.log.2.gz");
    assertThat(matching("log/**/mail.log*")).containsExactly("log/old/mail.log.9");
    assertThat(matching("*/mail.log")).containsExactly("log/mail.log", "other/mail.log");
    assertThat(matching("log/{mail.log,maillog}")).containsExactly("log/mail.log", "log/maillog");
    assertThat(matching("log/.mail*")).as("hidden files only when named").containsExactly("log/.mail.log.swp");
  }

  @Test
  void anAbsolutePatternIgnoresTheFolderAndAMissingFolderMatchesNothing() throws IOException {
    touch("a/everything.txt", "a/everything.txt.1");
    assertThat(GlobFiles.matching(Path.of("/nowhere"), temp + "/a/everything.txt*"))
        .containsExactly(temp.resolve("a/everything.txt"), temp.resolve("a/everything.txt.1"));
    assertThat(matching("missing/*.log")).isEmpty();
    assertThat(matching("a/everything.txt")).as("a pattern without wildcards names one file")
        .containsExactly("a/everything.txt");
  }
}
