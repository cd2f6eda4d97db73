package org.smtptrail.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each format's rotation names come out oldest to newest, whatever order the folder listing gave. */
class RotationOrderTest {
  /** Sorts a shuffled copy (a few seeds), so the test does not pass by keeping the input order. */
  private static List<String> sorted(String... oldestFirst) {
    List<String> result = null;
    for (int seed = 0; seed < 5; seed++) {
      List<Path> shuffled = new ArrayList<>(List.of(oldestFirst).stream().map(Path::of).toList());
      Collections.shuffle(shuffled, new Random(seed));
      List<String> once = RotationOrder.sort(shuffled).stream().map(Path::toString).toList();
      assertThat(result == null || once.equals(result)).as("same order from any input order").isTrue();
      result = once;
    }
    return result;
  }

  @Test
  void postfixNumberedAndDatedSets() {
    assertThat(sorted("/l/mail.log.10.gz", "/l/mail.log.2.gz", "/l/mail.log.1", "/l/mail.log",
        "/l/maillog-20261121.gz", "/l/maillog-20261122", "/l/maillog"))
        .containsExactly("/l/mail.log.10.gz", "/l/mail.log.2.gz", "/l/mail.log.1", "/l/mail.log",
            "/l/maillog-20261121.gz", "/l/maillog-20261122", "/l/maillog");
  }

  @Test
  void xeamsDailyPiecesNumberedPiecesAndGzippedPieces() {
    String[] daily = {"/x/SmtpQueue.log.2026-02-28.gz", "/x/SmtpQueue.log.2026-03-01",
        "/x/SmtpQueue.log.2026-03-02", "/x/SmtpQueue.log"};
    assertThat(sorted(daily)).containsExactly(daily);
    String[] hourly = {"/x/SMTPOutboundConversation.log.2026-03-02-09",
        "/x/SMTPOutboundConversation.log.2026-03-02-10.gz", "/x/SMTPOutboundConversation.log.2026-03-02-11",
        "/x/SMTPOutboundConversation.log"};
    assertThat(sorted(hourly)).containsExactly(hourly);
    String[] numbered = {"/x/OutboundAuditTrailFailure.log.12.gz", "/x/OutboundAuditTrailFailure.log.3",
        "/x/OutboundAuditTrailFailure.log.2.gz", "/x/OutboundAuditTrailFailure.log.1",
        "/x/OutboundAuditTrailFailure.log"};
    assertThat(sorted(numbered)).containsExactly(numbered);
    String[] zippedByHand = {"/x/SmtpQueue.log.2026-02-28.zip", "/x/SmtpQueue.log.2026-03-01.gz",
        "/x/SmtpQueue.log.2026-03-02", "/x/SmtpQueue.log"};
    assertThat(sorted(zippedByHand)).containsExactly(zippedByHand);
    String[] numberedZips = {"/x/SmtpQueue.log.3.zip", "/x/SmtpQueue.log.2.gz", "/x/SmtpQueue.log.1",
        "/x/SmtpQueue.log"};
    assertThat(sorted(numberedZips)).containsExactly(numberedZips);
  }

  @Test
  void axigenLogrotateNumberedAndDateextNames() {
    String[] numbered = {"/a/everything.txt.3.gz", "/a/everything.txt.2.gz", "/a/everything.txt.1",
        "/a/everything.txt"};
    assertThat(sorted(numbered)).containsExactly(numbered);
    String[] dateext = {"/a/everything.txt-20261120.gz", "/a/everything.txt-20261121.gz", "/a/everything.txt-20261122",
        "/a/everything.txt"};
    assertThat(sorted(dateext)).containsExactly(dateext);
    String[] hourly = {"/a/everything.txt-2026112209.gz", "/a/everything.txt-2026112210", "/a/everything.txt"};
    assertThat(sorted(hourly)).containsExactly(hourly);
  }

  @Test
  void logrotateDateextWithEpochSecondsForSeveralRotationsADay() {
    // dateformat -%Y%m%d-%s: the seconds tell the pieces of one day apart
    String[] pieces = {"/a/everything.txt-20261122-1795327200.gz", "/a/everything.txt-20261122-1795370400",
        "/a/everything.txt-20261123-1795413600", "/a/everything.txt"};
    assertThat(sorted(pieces)).containsExactly(pieces);
  }

  @Test
  void setsInDifferentFoldersAreReadEachOldestFirst() {
    assertThat(sorted("/m/axigen/log/everything.txt.1", "/m/axigen/log/everything.txt",
        "/m/xeams/SmtpQueue.log.2026-03-02", "/m/xeams/SmtpQueue.log"))
        .containsExactly("/m/axigen/log/everything.txt.1", "/m/axigen/log/everything.txt",
            "/m/xeams/SmtpQueue.log.2026-03-02", "/m/xeams/SmtpQueue.log");
  }
}
