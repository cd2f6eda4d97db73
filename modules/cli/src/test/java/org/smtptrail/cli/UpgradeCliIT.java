package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.StoredRowsAudit;

/**
 * An index written before stored verdicts existed: answered the same from its events, with a note on what to run;
 * {@code upgrade} builds its verdicts once, after which the answers are the same and the note is gone.
 */
class UpgradeCliIT {
  private static final Path SAMPLES = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"));

  @TempDir Path temp;

  @Test
  void anOldIndexIsAnsweredFromItsEventsUntilUpgradeStoresItsVerdicts() throws Exception {
    String data = temp.resolve("data").toString();
    assertThat(CliRun.of("index", "--data", data, "--timezone", "UTC", SAMPLES.resolve("postfix").toString())
        .exitCode()).isZero();
    CliRun deferredBefore = CliRun.of("trace", "--data", data, "--status", "DEFERRED", "--format", "json");
    CliRun statsBefore = CliRun.of("stats", "--data", data, "--by", "domain", "--format", "json");
    assertThat(deferredBefore.jsonLines()).isNotEmpty();
    assertThat(deferredBefore.err()).isEmpty();

    StoredRowsAudit.removeStoredRows(new DataDirectory(temp.resolve("data")));
    CliRun deferredOld = CliRun.of("trace", "--data", data, "--status", "DEFERRED", "--format", "json");
    assertThat(deferredOld.out()).isEqualTo(deferredBefore.out());
    assertThat(deferredOld.err()).contains("written by an older smtptrail").contains("smtptrail upgrade");
    assertThat(CliRun.of("stats", "--data", data, "--by", "domain", "--format", "json").out())
        .isEqualTo(statsBefore.out());

    CliRun upgrade = CliRun.of("upgrade", "--data", data);
    assertThat(upgrade.exitCode()).isZero();
    assertThat(upgrade.out()).startsWith("stored verdicts built for ");
    assertThat(upgrade.err()).as("one line where no terminal shows a bar")
        .contains("building the stored verdicts of an index from an older smtptrail");
    assertThat(StoredRowsAudit.differences(new DataDirectory(temp.resolve("data")))).isEmpty();

    CliRun deferredAfter = CliRun.of("trace", "--data", data, "--status", "DEFERRED", "--format", "json");
    assertThat(deferredAfter.out()).isEqualTo(deferredBefore.out());
    assertThat(deferredAfter.err()).isEmpty();
    assertThat(CliRun.of("upgrade", "--data", data).out()).startsWith("stored verdicts already up to date");
  }

  @Test
  void upgradeWithoutAnIndexSaysWhatToRunFirst() {
    CliRun upgrade = CliRun.of("upgrade", "--data", temp.resolve("none").toString());
    assertThat(upgrade.exitCode()).isNotZero();
    assertThat(upgrade.err()).contains("no index in").contains("smtptrail index");
  }
}
