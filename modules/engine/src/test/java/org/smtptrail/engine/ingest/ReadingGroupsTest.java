package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingGroupsTest {
  private static List<List<String>> groups(Object... fileAndSource) {
    Map<Path, Integer> sourceOf = new HashMap<>();
    for (int i = 0; i < fileAndSource.length; i += 2) {
      sourceOf.put(Path.of((String) fileAndSource[i]), (Integer) fileAndSource[i + 1]);
    }
    List<Path> files = RotationOrder.sort(List.copyOf(sourceOf.keySet()));
    return ReadingGroups.of(files, sourceOf).stream().map(g -> g.stream().map(Path::toString).toList()).toList();
  }

  @Test
  void eachSourceIsAGroupReadOldestFirst() {
    assertThat(groups("/mx1/mail.log", 0, "/mx1/mail.log.1", 0, "/mx2/mail.log", 1, "/x/SmtpQueue.log", 2,
        "/x/SMTPOutboundConversation.log", 2))
        .containsExactly(List.of("/mx1/mail.log.1", "/mx1/mail.log"), List.of("/mx2/mail.log"),
            List.of("/x/SMTPOutboundConversation.log", "/x/SmtpQueue.log"));
  }

  @Test
  void sourcesThatShareARotatedSetAreOneGroup() {
    // "index mail.log.1 mail.log": two PATH sources, one set, which correlation must read in order
    assertThat(groups("/l/mail.log.1", 0, "/l/mail.log", 1, "/l/mail.log.2.gz", 2, "/other/mail.log", 3))
        .containsExactly(List.of("/l/mail.log.2.gz", "/l/mail.log.1", "/l/mail.log"), List.of("/other/mail.log"));
  }
}
