package org.smtptrail.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * smtptrail in its own JVM, as a person runs it: for what an in-process run cannot show (signals, a second process
 * holding the data folder, a full disk that must not take the test JVM down). Output goes to a file.
 *
 * @param process the running JVM
 * @param output  its standard output and error, merged
 */
record ChildCli(Process process, Path output) {
  /**
   * Puts SIGINT and SIGTERM back to their default action in the child, whatever this JVM inherited: a build run as
   * {@code nohup mvn verify &} from a script starts with SIGINT ignored, children inherit that, and a JVM that starts
   * with a signal ignored never installs its handler, so Ctrl-C ({@link #interrupt}) would do nothing.
   */
  private static final List<String> DEFAULT_SIGNALS = List.of("env", "--default-signal=INT,TERM");

  static ChildCli start(Path output, String... args) throws IOException {
    return start(output, Map.of(), args);
  }

  /** As {@link #start(Path, String...)}, with {@code environment} added to this JVM's. */
  static ChildCli start(Path output, Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>(DEFAULT_SIGNALS);
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(arg -> arg.startsWith("--add-") || arg.startsWith("-D") || arg.startsWith("--enable-native"))
        .toList());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    return new ChildCli(process, output);
  }

  /** The address a {@code serve} child prints once it listens (fails the test after 60 s, or if it ends first). */
  URI servingAt() throws InterruptedException {
    Pattern url = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && process.isAlive()) {
      Matcher found = url.matcher(printed());
      if (found.find()) {
        return URI.create(found.group(1));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve did not start: " + printed());
  }

  long pid() {
    return process.pid();
  }

  /** Waits for the exit code (fails the test after {@code seconds}). */
  int exitCode(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("smtptrail did not end within " + seconds + " s: " + printed());
    }
    return process.exitValue();
  }

  String printed() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** Sends SIGINT, what Ctrl-C in a terminal sends (Process.destroy sends SIGTERM). */
  void interrupt() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -INT " + pid() + " failed");
    }
  }
}
