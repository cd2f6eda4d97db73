package org.smtptrail.store.opensearch;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One OpenSearch node process of a test cluster, run from the distribution the build unpacked
 * ({@link OpenSearchDistribution}). The distribution stays read-only and shared; each node has a folder of its own
 * (config, data, logs, temp) that survives {@link #kill9()} and {@link #start()} again, so a restarted node comes
 * back with its data, its name and its ports.
 *
 * <p>OpenSearch refuses to run as root, and CI runs as root: then the node runs as {@code nobody} through
 * {@code setpriv}, and its folder belongs to {@code nobody}. It binds 127.0.0.1 only.
 */
final class OpenSearchNode {
  /** The user a node runs as when the tests run as root. */
  private static final String UNPRIVILEGED_USER = "nobody";
  private static final String UNPRIVILEGED_GROUP = "nogroup";
  private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
  /**
   * Runs the node in the background and waits for its own standard input to close: the test JVM holds that pipe, so
   * when the JVM ends, however it ends (a kill -9 of the build included), the node is killed with it and no
   * OpenSearch is left behind. Its exit code is the node's.
   */
  private static final String WATCHDOG =
      """
      pidfile=$1
      shift
      "$@" </dev/null &
      node=$!
      echo "$node" >"$pidfile"
      cat >/dev/null
      kill -9 "$node" 2>/dev/null
      wait "$node"
      """;

  private final OpenSearchDistribution distribution;
  private final NodeSettings settings;
  private final Path dir;
  private Process watchdog;

  OpenSearchNode(OpenSearchDistribution distribution, NodeSettings settings, Path dir) {
    this.distribution = distribution;
    this.settings = settings;
    this.dir = dir;
  }

  String name() {
    return settings.nodeName();
  }

  NodeSettings settings() {
    return settings;
  }

  URI httpUri() {
    return URI.create("http://127.0.0.1:" + settings.httpPort());
  }

  /** Starts the node's process (its config is written the first time) and returns without waiting for it. */
  synchronized void start() throws IOException {
    if (isRunning()) {
      throw new IllegalStateException("node " + name() + " is already running");
    }
    Path config = dir.resolve("config");
    if (!Files.exists(config)) {
      writeConfig(config);
    }
    if (distribution.runsAsRoot()) {
      chownRecursively(dir); // a node started before leaves files it owns; new folders belong to root
    }
    Files.deleteIfExists(pidFile());
    List<String> command =
        new ArrayList<>(List.of("bash", "-c", WATCHDOG, "opensearch-node", pidFile().toString()));
    if (distribution.runsAsRoot()) {
      command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=" + UNPRIVILEGED_GROUP,
          "--clear-groups", "--"));
    }
    command.add(distribution.home().resolve("bin/opensearch").toString());
    ProcessBuilder builder = new ProcessBuilder(command)
        // bin/opensearch runs bin/opensearch-keystore by a relative path
        .directory(distribution.home().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()));
    Map<String, String> env = builder.environment();
    env.remove("JAVA_TOOL_OPTIONS"); // the test JVM's agents and flags are not the node's
    env.remove("JAVA_OPTS");
    env.put("OPENSEARCH_JAVA_HOME", distribution.javaHome().toString());
    env.put("OPENSEARCH_PATH_CONF", config.toString());
    env.put("OPENSEARCH_TMPDIR", dir.resolve("tmp").toString());
    env.put("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m");
    watchdog = builder.start();
  }

  /** Whether the node's process is running (not whether it answers). */
  synchronized boolean isRunning() {
    return watchdog != null && watchdog.isAlive();
  }

  /** The exit code of a node that has stopped, for a failure message. */
  synchronized String exitDescription() {
    if (watchdog == null) {
      return "never started";
    }
    return watchdog.isAlive() ? "running" : "exited with code " + watchdog.exitValue();
  }

  /** Kills the node at once (SIGKILL, as a crash or an OOM killer would) and waits until it is gone. */
  synchronized void kill9() throws InterruptedException {
    if (watchdog == null) {
      return;
    }
    watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
    awaitExit(Duration.ofSeconds(30));
  }

  /** Stops the node gracefully (SIGTERM), and kills it if it has not stopped after 30 s. */
  synchronized void stop() throws InterruptedException {
    if (watchdog == null) {
      return;
    }
    // the node alone: the watchdog's cat ending would make it kill the node at once
    Optional<ProcessHandle> node = process();
    node.ifPresent(ProcessHandle::destroy);
    long deadline = System.nanoTime() + GRACEFUL_STOP.toNanos();
    while (node.isPresent() && node.get().isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    kill9();
  }

  private void awaitExit(Duration timeout) throws InterruptedException {
    try {
      watchdog.getOutputStream().close(); // lets the watchdog finish
    } catch (IOException alreadyGone) {
      // the watchdog has exited: nothing holds the pipe
    }
    if (!watchdog.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      watchdog.destroyForcibly();
      watchdog.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The node's process (bin/opensearch, which becomes its JVM) while it runs. */
  synchronized Optional<ProcessHandle> process() {
    if (watchdog == null || !Files.exists(pidFile())) {
      return Optional.empty();
    }
    try {
      return ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).strip())).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // being written
    }
  }

  /** The last lines the node logged: its own log when it got that far, else what it printed before. */
  String logTail(int lines) {
    Path log = dir.resolve("logs").resolve(settings.clusterName() + ".log");
    Path source = Files.exists(log) ? log : consoleLog();
    try (Stream<String> all = Files.lines(source, StandardCharsets.UTF_8)) {
      List<String> kept = all.toList();
      return source + ":\n" + kept.subList(Math.max(0, kept.size() - lines), kept.size()).stream()
          .collect(Collectors.joining("\n"));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private Path pidFile() {
    return dir.resolve("node.pid");
  }

  private Path consoleLog() {
    return dir.resolve("console.log");
  }

  private void writeConfig(Path config) throws IOException {
    for (String folder : List.of("data", "logs", "tmp")) {
      Files.createDirectories(dir.resolve(folder));
    }
    Files.createDirectories(config);
    Path shipped = distribution.home().resolve("config");
    Files.copy(shipped.resolve("log4j2.properties"), config.resolve("log4j2.properties"));
    Files.createDirectories(config.resolve("jvm.options.d"));
    Files.writeString(config.resolve("jvm.options"), jvmOptions(Files.readString(shipped.resolve("jvm.options"))));
    Files.writeString(config.resolve("opensearch.yml"), settings.toYaml(dir, distribution.hasSecurityPlugin()));
  }

  /**
   * The shipped jvm.options with the node's own folders: it names logs/, data and agent/ relative to the working
   * directory, the distribution, which the node's user may not write to (and a JVM that cannot open its GC log does
   * not start). The heap comes from OPENSEARCH_JAVA_OPTS.
   */
  private String jvmOptions(String shipped) {
    Path home = distribution.home();
    return shipped
        .replace("logs/", dir.resolve("logs") + "/")
        .replace("HeapDumpPath=data", "HeapDumpPath=" + dir.resolve("data"))
        .replace("-javaagent:agent/", "-javaagent:" + home.resolve("agent") + "/");
  }

  private static void chownRecursively(Path root) throws IOException {
    UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user = users.lookupPrincipalByName(UNPRIVILEGED_USER);
    GroupPrincipal group = users.lookupPrincipalByGroupName(UNPRIVILEGED_GROUP);
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
      }
    }
  }
}
