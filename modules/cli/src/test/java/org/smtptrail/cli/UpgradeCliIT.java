package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.StoredRowsAudit;

/**
 * An index written before stored verdicts existed: every query refuses it with what to run (queries answer from the
 * stored verdicts alone, and none is not "no mail"); {@code upgrade} builds its verdicts once, after which the answers
 * are those it gave before.
 */
class UpgradeCliIT {
  private static final Path SAMPLES = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"));

  @TempDir Path temp;

  @Test
  void anOldIndexIsRefusedWithWhatToRunUntilUpgradeStoresItsVerdicts() throws Exception {
    String data = temp.resolve("data").toString();
    assertThat(CliRun.of("index", "--data", data, "--timezone", "UTC", SAMPLES.resolve("postfix").toString())
        .exitCode()).isZero();
    CliRun deferredBefore = CliRun.of("trace", "--data", data, "--status", "DEFERRED", "--format", "json");
    CliRun statsBefore = CliRun.of("stats", "--data", data, "--by", "domain", "--format", "json");
    assertThat(deferredBefore.jsonLines()).isNotEmpty();
    assertThat(deferredBefore.err()).isEmpty();
    String someone = deferredBefore.jsonLines().get(0).get("recipient").asText();

    StoredRowsAudit.removeStoredRows(new DataDirectory(temp.resolve("data")));
    for (CliRun refused : List.of(
        CliRun.of("trace", "--data", data, "--status", "DEFERRED", "--format", "json"),
        CliRun.of("stats", "--data", data, "--by", "domain", "--format", "json"),
        CliRun.of("check", "--data", data, "--to", someone),
        CliRun.of("serve", "--data", data, "--port", "0", "--max-seconds", "5"))) {
      assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
      assertThat(refused.out()).as("no answer, not an empty one").isEmpty();
      assertThat(refused.err().strip()).as("one line: what to run")
          .isEqualTo("smtptrail: the index in " + data + " was written by an older smtptrail (its verdicts are not"
              + " stored, or were decided by older rules): run smtptrail upgrade --data " + data + " once (index"
              + " and tail also do it before they read), then ask again");
    }

    CliRun upgrade = CliRun.of("upgrade", "--data", data);
    assertThat(upgrade.exitCode()).isZero();
    assertThat(upgrade.out()).startsWith("stored verdicts built for ");
    assertThat(upgrade.err()).as("one line where no terminal shows a bar")
        .contains("building the stored verdicts of an index from an older smtptrail");
    assertThat(StoredRowsAudit.differences(new DataDirectory(temp.resolve("data")))).isEmpty();

    CliRun deferredAfter = CliRun.of("trace", "--data", data, "--status", "DEFERRED", "--format", "json");
    assertThat(deferredAfter.out()).isEqualTo(deferredBefore.out());
    assertThat(deferredAfter.err()).isEmpty();
    assertThat(CliRun.of("stats", "--data", data, "--by", "domain", "--format", "json").out())
        .isEqualTo(statsBefore.out());
    assertThat(CliRun.of("upgrade", "--data", data).out()).startsWith("stored verdicts already up to date");
  }

  @Test
  void upgradeWithoutAnIndexSaysWhatToRunFirst() {
    CliRun upgrade = CliRun.of("upgrade", "--data", temp.resolve("none").toString());
    assertThat(upgrade.exitCode()).isNotZero();
    assertThat(upgrade.err()).contains("no index in").contains("smtptrail index");
  }
}
