package org.smtptrail.packaging;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the release artifacts of this build are (packaging/pom.xml passes the paths), and the rule for a test that
 * cannot run here: it is skipped with the reason, unless SMTPTRAIL_REQUIRE_PACKAGE=1 (CI, which also activates the
 * release profile), which turns that into a failure.
 */
final class Release {
  static final Path REPO = Path.of(System.getProperty("smtptrail.repo", "..")).toAbsolutePath().normalize();
  static final Path DIST = Path.of(System.getProperty("smtptrail.dist", "../dist")).toAbsolutePath().normalize();
  static final String VERSION = System.getProperty("smtptrail.releaseVersion", "0.1.0-SNAPSHOT");
  /** The Debian version: '-' becomes '~', so that 0.1.0-SNAPSHOT sorts before 0.1.0 (build-release.sh). */
  static final String DEB_VERSION = VERSION.replace('-', '~');
  static final Path TARBALL = DIST.resolve("smtptrail-" + VERSION + "-linux-x64.tar.gz");
  static final Path DEB = DIST.resolve("smtptrail_" + DEB_VERSION + "_amd64.deb");
  static final Path SAMPLE_POSTFIX = REPO.resolve("sample-logs/postfix");

  private Release() {}

  /** Skips (or fails, in CI) unless this build made the artifacts: with -Prelease, not left over from another. */
  static void requireBuilt() {
    require(Boolean.getBoolean("smtptrail.releaseBuilt") && Files.isRegularFile(TARBALL) && Files.isRegularFile(DEB),
        "the release artifacts are built by the release profile (mvn -Prelease verify), and this build did not"
            + " make " + TARBALL.getFileName() + " and " + DEB.getFileName());
  }

  static void require(boolean condition, String reason) {
    if (condition) {
      return;
    }
    if ("1".equals(System.getenv("SMTPTRAIL_REQUIRE_PACKAGE"))) {
      fail(reason + ", and SMTPTRAIL_REQUIRE_PACKAGE=1 requires it");
    }
    Assumptions.abort(reason + " (set SMTPTRAIL_REQUIRE_PACKAGE=1 to fail instead of skipping)");
  }
}
