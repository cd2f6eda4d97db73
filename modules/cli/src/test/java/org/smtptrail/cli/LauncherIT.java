package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;

/**
 * The {@code ./smtptrail} launcher as a person runs it, from a copy of the repository's layout (launcher, scripts,
 * sample logs, the built jar) in a temporary folder, so that the start-up cache it makes there is this test's own.
 * With a JDK 25+ it makes the cache once per jar (a training run over the sample logs), uses it on later runs, makes
 * it again when the jar changes, and runs without it when the training fails; what a command prints is the same
 * with and without it, and the JVM's own warnings never reach standard output.
 *
 * <p>Needs a JDK 25+ where the launcher looks for Java; without one there is no cache to test and the test is
 * skipped, unless SMTPTRAIL_REQUIRE_AOT=1 (CI), which turns that into a failure.
 */
class LauncherIT {
  private static final Path REPO = Path.of(System.getProperty("smtptrail.sampleLogs", "../../sample-logs"))
      .toAbsolutePath().normalize().getParent();
  private static final Path JAR = Path.of("target/smtptrail.jar").toAbsolutePath();
  private static final String ADDRESS = "quinn@tempfail.example.net";

  @TempDir Path temp;
  private Path install;
  private Path data;

  @BeforeEach
  void installCopy() throws IOException, InterruptedException {
    requireJdk25();
    install = temp.resolve("smtptrail");
    Files.createDirectories(install.resolve("scripts"));
    Files.createDirectories(install.resolve("modules/cli/target"));
    Files.copy(REPO.resolve("smtptrail"), install.resolve("smtptrail"));
    Files.copy(REPO.resolve("scripts/find-java.sh"), install.resolve("scripts/find-java.sh"));
    Files.copy(REPO.resolve("scripts/jvm-flags.sh"), install.resolve("scripts/jvm-flags.sh"));
    copyTree(REPO.resolve("sample-logs"), install.resolve("sample-logs"));
    Files.copy(JAR, install.resolve("modules/cli/target/smtptrail.jar"));
    data = temp.resolve("data");
    StringWriter out = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(out), "index", "--data", data.toString(),
        REPO.resolve("sample-logs/postfix").toString());
    assertThat(exit).as(out.toString()).isZero();
  }

  @Test
  void makesTheCacheOnceUsesItAndPrintsTheSame() throws Exception {
    Run first = launch(Map.of(), "trace", "--data", data.toString(), "--to", ADDRESS, "--format", "json");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.err()).contains("making the start-up cache");
    Path cache = onlyCache();
    assertThat(Files.getPosixFilePermissions(cache)).as("logs hold personal data: owner-only")
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    assertJsonLines(first.out());

    Run without = launch(Map.of("SMTPTRAIL_AOT", "0"), "trace", "--data", data.toString(), "--to", ADDRESS,
        "--format", "json");
    assertThat(without.out()).isEqualTo(first.out());

    Run cached = launchLoggingTheCache("trace", "--data", data.toString(), "--to", ADDRESS, "--format", "json");
    assertThat(cached.exit()).as(cached.err()).isZero();
    assertThat(cached.err()).doesNotContain("start-up cache");
    assertThat(cached.out()).isEqualTo(first.out());
    assertThat(Files.readString(temp.resolve("aot.log"))).contains("Opened AOT cache " + cache);
  }

  /**
   * Runs the launcher with the JVM's AOT log in {@code aot.log}, and {@code AOTMode=on}: a JVM given a cache it cannot
   * use then refuses to start instead of running without it.
   */
  private Run launchLoggingTheCache(String... args) throws IOException, InterruptedException {
    return launch(Map.of("SMTPTRAIL_JAVA_OPTS", "-XX:AOTMode=on -Xlog:aot=info:file=" + temp.resolve("aot.log")),
        args);
  }

  @Test
  void makesTheCacheAgainWhenTheJarChanges() throws Exception {
    assertThat(launch(Map.of(), "--version").exit()).isZero();
    Path cache = onlyCache();
    Path jar = install.resolve("modules/cli/target/smtptrail.jar");
    Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minusSeconds(120)));
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));

    Run rebuilt = launchLoggingTheCache("--version");
    assertThat(rebuilt.err()).contains("making the start-up cache");
    assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
    assertThat(Files.getLastModifiedTime(onlyCache()).toInstant()).isAfter(Instant.now().minusSeconds(60));
    assertThat(Files.readString(temp.resolve("aot.log"))).contains("Opened AOT cache " + cache);
  }

  @Test
  void runsWithoutTheCacheWhenTheTrainingFailsAndDoesNotRetryIt() throws Exception {
    Files.writeString(install.resolve("sample-logs/smtptrail.yaml"),
        "sources: [ {path: postfix, format: nope} ]\n");

    Run first = launch(Map.of(), "check", "--data", data.toString(), "--to", ADDRESS);
    assertThat(first.err()).contains("could not make the start-up cache");
    assertThat(first.exit()).as("check's exit code for a deferred message").isEqualTo(ExitCodes.PENDING);
    assertThat(first.out()).contains("DEFERRED");
    try (Stream<Path> files = Files.list(install.resolve("modules/cli/target"))) {
      Path failed = files.filter(f -> f.toString().endsWith(".aot.failed")).findFirst().orElseThrow();
      assertThat(Files.readString(failed)).as("the training's log is kept").contains("unknown log format");
    }

    Run second = launch(Map.of(), "check", "--data", data.toString(), "--to", ADDRESS);
    assertThat(second.err()).doesNotContain("start-up cache");
    assertThat(second.exit()).isEqualTo(ExitCodes.PENDING);
  }

  @Test
  void aDiskWithNoRoomForTheCacheLeavesNoPieceOfItAndTheCommandRuns() throws Exception {
    Path target = install.resolve("modules/cli/target");
    Path jar = Files.move(target.resolve("smtptrail.jar"), temp.resolve("smtptrail.jar"));
    long room = Files.size(jar) + (8 << 20); // the jar and 8 MB: a cache takes about 33 MB
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + room, "tmpfs", target.toString()),
        "assumes root with permission to mount a tmpfs (mount -t tmpfs failed here)");
    try {
      Files.copy(jar, target.resolve("smtptrail.jar"));

      Run first = launch(Map.of(), "check", "--data", data.toString(), "--to", ADDRESS);
      assertThat(first.err()).contains("making the start-up cache");
      assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.PENDING);
      try (Stream<Path> files = Files.list(target)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .as("no cache, whole or cut short; a note so that it is not tried on every run")
            .containsExactlyInAnyOrder("smtptrail.jar", onlyFileNamed(target, ".aot.failed"));
      }

      Run second = launch(Map.of(), "check", "--data", data.toString(), "--to", ADDRESS);
      assertThat(second.err()).doesNotContain("start-up cache");
      assertThat(second.exit()).isEqualTo(ExitCodes.PENDING);
    } finally {
      run("umount", target.toString());
    }
  }

  /**
   * Issue 23: serve, tail and index run with a bounded heap (-Xmx1g, or the JVM's default where that is smaller); a
   * heap the user sets wins, in SMTPTRAIL_JAVA_OPTS or JAVA_TOOL_OPTIONS; the query commands keep the JVM's default.
   * The start-up cache, made without the cap, is used with it.
   */
  @Test
  void longRunningCommandsGetABoundedHeapUnlessTheUserSetsOne() throws Exception {
    String flags = "-XX:+PrintFlagsFinal";
    Run trace = launch(Map.of("SMTPTRAIL_JAVA_OPTS", flags), "trace", "--data", data.toString(), "--to", ADDRESS);
    assertThat(trace.exit()).as(trace.err()).isZero();
    long jvmDefault = Long.parseLong(flag(trace.out(), "MaxHeapSize"));
    long bounded = Math.min(1L << 30, jvmDefault);

    String[] serve = {"serve", "--data", data.toString(), "--port", "0", "--max-seconds", "1"};
    Run served = launch(Map.of("SMTPTRAIL_JAVA_OPTS", flags + " -XX:AOTMode=on -Xlog:aot=info:file="
        + temp.resolve("aot.log")), serve);
    assertThat(served.exit()).as(served.err()).isZero();
    assertThat(served.out()).contains("serving ");
    assertThat(Long.parseLong(flag(served.out(), "MaxHeapSize"))).isEqualTo(bounded);
    assertThat(flag(served.out(), "ExitOnOutOfMemoryError")).as("nothing restarts a serve started by hand")
        .isEqualTo("false");
    assertThat(Files.readString(temp.resolve("aot.log"))).contains("Opened AOT cache " + onlyCache());

    Run tail = launch(Map.of("SMTPTRAIL_JAVA_OPTS", flags), "--verbose", "tail", "--data",
        temp.resolve("tailed").toString(), "--max-seconds", "1", REPO.resolve("sample-logs/postfix/mail.log")
            .toString());
    assertThat(tail.exit()).as(tail.err()).isZero();
    assertThat(Long.parseLong(flag(tail.out(), "MaxHeapSize"))).isEqualTo(bounded);

    Run chosen = launch(Map.of("SMTPTRAIL_JAVA_OPTS", flags + " -Xmx300m"), serve);
    assertThat(flag(chosen.out(), "MaxHeapSize")).isEqualTo(String.valueOf(300L << 20));
    Run tool = launch(Map.of("SMTPTRAIL_JAVA_OPTS", flags, "JAVA_TOOL_OPTIONS", "-Xmx200m"), serve);
    assertThat(tool.exit()).as(tool.err()).isZero();
    assertThat(flag(tool.out(), "MaxHeapSize")).as("the launcher's -Xmx would override JAVA_TOOL_OPTIONS'")
        .isEqualTo(String.valueOf(200L << 20));
  }

  /** A flag's final value as -XX:+PrintFlagsFinal prints it ("size_t MaxHeapSize = 1073741824 {...}"). */
  private static String flag(String printed, String name) {
    return printed.lines().map(String::strip).filter(line -> line.matches("\\S+ +" + name + " += .*"))
        .map(line -> line.split(" += +")[1].split(" ")[0]).findFirst()
        .orElseThrow(() -> new AssertionError("no flag " + name + " in: " + printed));
  }

  private static String onlyFileNamed(Path folder, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(suffix)).findFirst()
          .orElse("(no file ending in " + suffix + ")");
    }
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().transferTo(OutputStream.nullOutputStream());
    return process.waitFor() == 0;
  }

  private Path onlyCache() throws IOException {
    try (Stream<Path> files = Files.list(install.resolve("modules/cli/target"))) {
      List<Path> caches = files.filter(f -> f.toString().endsWith(".aot")).toList();
      assertThat(caches).as("one start-up cache next to the jar").hasSize(1);
      return caches.getFirst();
    }
  }

  private static void assertJsonLines(String out) throws IOException {
    List<String> lines = out.lines().toList();
    assertThat(lines).isNotEmpty();
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      assertThat(json.readTree(line).path("recipient").asText()).as(line).isEqualTo(ADDRESS);
    }
  }

  private record Run(int exit, String out, String err) {}

  private Run launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(Stream.concat(
        Stream.of("bash", install.resolve("smtptrail").toString()), Stream.of(args)).toList())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("SMTPTRAIL_AOT");
    builder.environment().remove("SMTPTRAIL_JAVA_OPTS");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the launcher did not end within 180 s: " + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void requireJdk25() throws IOException, InterruptedException {
    Process probe = new ProcessBuilder("bash", "-c",
        "source scripts/find-java.sh && java_major \"$(find_java 21)\"").directory(REPO.toFile()).start();
    String major = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    probe.waitFor(30, TimeUnit.SECONDS);
    if (major.matches("\\d+") && Integer.parseInt(major) >= 25) {
      return;
    }
    String message = "the launcher found Java " + major + ": the start-up cache needs JDK 25+";
    if ("1".equals(System.getenv("SMTPTRAIL_REQUIRE_AOT"))) {
      throw new AssertionError(message + ", and SMTPTRAIL_REQUIRE_AOT=1 requires it");
    }
    Assumptions.abort(message + " (set SMTPTRAIL_REQUIRE_AOT=1 to fail instead of skipping)");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
