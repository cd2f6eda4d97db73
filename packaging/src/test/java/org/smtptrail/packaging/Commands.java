package org.smtptrail.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs real commands (dpkg, lintian, the installed smtptrail) and keeps what they printed. */
final class Commands {
  private static final Pattern SERVING = Pattern.compile("serving .* at (http://\\S+/) ");

  private Commands() {}

  /** What a finished command printed, and how it ended. */
  record Result(List<String> command, int exit, String out, String err) {
    /** Fails, naming the command and its output, unless it exited 0. */
    Result ok() {
      assertThat(exit).as("exit code of %s%nstdout:%n%s%nstderr:%n%s", command, out, err).isZero();
      return this;
    }
  }

  static Result run(List<String> command) throws IOException, InterruptedException {
    return run(command, null, null, Duration.ofMinutes(5));
  }

  /**
   * Runs the command in dir (null: this one) with exactly this environment (null: this process's), waiting at most
   * the timeout; output goes through files, so a command that prints a lot never blocks on a full pipe.
   */
  static Result run(List<String> command, Path dir, Map<String, String> environment, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("smtptrail-packaging-", ".out");
    Path err = Files.createTempFile("smtptrail-packaging-", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      if (dir != null) {
        builder.directory(dir.toFile());
      }
      if (environment != null) {
        builder.environment().clear();
        builder.environment().putAll(environment);
      }
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(command + " did not end within " + timeout + "; stderr so far: "
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** True if this program is on PATH (or is this absolute path and executable). */
  static boolean available(String program) {
    if (program.startsWith("/")) {
      return Files.isExecutable(Path.of(program));
    }
    for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
        return true;
      }
    }
    return false;
  }

  /** The address a starting serve prints ("serving DIR at URL ..."), once it has; fails if it ends first. */
  static String awaitServing(Path out, Process server) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher serving = SERVING.matcher(Files.readString(out, StandardCharsets.UTF_8));
      if (serving.find()) {
        return serving.group(1);
      }
      if (!server.isAlive()) {
        throw new AssertionError("serve ended with " + server.exitValue() + " before serving: "
            + Files.readString(out));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve did not print its address within 60 s: " + Files.readString(out));
  }
}
