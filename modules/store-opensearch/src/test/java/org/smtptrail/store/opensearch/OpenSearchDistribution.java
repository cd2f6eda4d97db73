package org.smtptrail.store.opensearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OpenSearch distribution the build unpacked for the tests (org.opensearch.distribution.integ-test-zip, see this
 * module's pom), the JDK it runs on and the user it must run as.
 *
 * @param home        the unpacked distribution (bin/, lib/, config/, ...)
 * @param javaHome    the JDK 21+ the nodes run on
 * @param runsAsRoot  whether the tests run as root, so that the nodes must be started as an unprivileged user
 */
record OpenSearchDistribution(Path home, Path javaHome, boolean runsAsRoot) {
  /** Set by failsafe (this module's pom); the folder the dependency plugin unpacked the zip into. */
  static final String HOME_PROPERTY = "smtptrail.opensearch.home";

  /**
   * The distribution of this build, on the JDK that runs the tests: the build's toolchain already chose a JDK 21+
   * (as scripts/find-java.sh does for the launcher), which is what OpenSearch 3 needs; OPENSEARCH_JAVA_HOME, when
   * set, names another.
   *
   * @throws OpenSearchUnavailableException when this machine cannot run a node, with what is missing
   */
  static OpenSearchDistribution find() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null) {
      throw new OpenSearchUnavailableException(
          "the system property " + HOME_PROPERTY + " is not set (run the tests with mvn verify, which unpacks"
              + " the distribution and sets it)");
    }
    Path dir = Path.of(home);
    if (!Files.isExecutable(dir.resolve("bin/opensearch"))) {
      throw new OpenSearchUnavailableException("no OpenSearch distribution at " + dir + " (mvn verify unpacks it)");
    }
    String javaHome = System.getenv("OPENSEARCH_JAVA_HOME");
    Path java = Path.of(javaHome != null ? javaHome : System.getProperty("java.home"));
    if (javaHome == null && Runtime.version().feature() < 21) {
      throw new OpenSearchUnavailableException("OpenSearch 3 needs a JDK 21+, the tests run on " + java);
    }
    boolean root = isRoot();
    if (root && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      throw new OpenSearchUnavailableException(
          "the tests run as root, and OpenSearch refuses to: setpriv (util-linux) is needed to start it as nobody");
    }
    return new OpenSearchDistribution(dir, java, root);
  }

  /** Whether the distribution ships the security plugin, which must then be told to stay off. */
  boolean hasSecurityPlugin() {
    return Files.isDirectory(home.resolve("plugins/opensearch-security"));
  }

  private static boolean isRoot() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
