package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * smtptrail opens no network connection, ever: index, tail, trace and check each run in a child JVM under
 * {@code strace -f}, which records every network system call of every thread, however short lived (sampling /proc
 * would miss a socket opened and closed between two looks). No socket may be connected, bound, listened on, sent or
 * received on, except the C library's look-up in the local name service cache ({@code /var/run/nscd/socket}, a Unix
 * socket the JVM uses to read the user's name and home directory; it never leaves the machine). Two sockets are created
 * and closed unused in every JVM that uses a FileChannel: the JDK's libnet probes whether IPv4, IPv6 and SO_REUSEPORT
 * exist when it is loaded (sun.nio.ch.IOUtil); the test allows exactly that.
 */
class NoNetworkIT {
  private static final Path SAMPLES = Path.of("../../sample-logs").toAbsolutePath().normalize();
  private static final String NSCD = "sun_path=\"/var/run/nscd/socket\"";

  @TempDir Path temp;

  @Test
  void indexTailTraceAndCheckOpenNoSocket() throws Exception {
    assumeTrue(straceWorks(), "strace is not installed or may not trace here (ptrace denied): nothing proven");
    Path logs = temp.resolve("logs");
    copy(SAMPLES, logs);
    String data = temp.resolve("data").toString();

    List<String> calls = new ArrayList<>();
    calls.addAll(networkCalls("index", "--data", data, "--timezone", "UTC", logs.toString()));
    calls.addAll(networkCalls("tail", "--data", data, "--max-seconds", "3", "--timezone", "UTC",
        logs.resolve("postfix/mail.log").toString()));
    calls.addAll(networkCalls("trace", "--data", data, "--format", "json", "--limit", "0"));
    calls.addAll(networkCalls("check", "--data", data, "--to", "ivan@tempfail.example.net"));

    assertThat(calls).as("strace saw the runs").isNotEmpty();
    assertThat(calls).as("a socket used for anything but the local name service cache")
        .filteredOn(call -> USES.contains(syscall(call)))
        .allSatisfy(call -> assertThat(call).contains(NSCD));
    assertThat(calls).as("only the JDK's probe sockets and the name service cache's are created")
        .filteredOn(call -> syscall(call).equals("socket"))
        .allSatisfy(call -> assertThat(call).containsAnyOf("socket(AF_UNIX", "socket(AF_INET,", "socket(AF_INET6,"));
  }

  /** What a program does with a socket to talk to anyone; creating one (socket, setsockopt) talks to no one. */
  private static final Set<String> USES = Set.of("connect", "bind", "listen", "accept", "accept4", "sendto",
      "sendmsg", "sendmmsg", "recvfrom", "recvmsg", "recvmmsg", "getpeername");

  /** The system call of an strace line: "123 connect(4, ..." or "123 <... connect resumed>...". */
  private static String syscall(String line) {
    String call = line.substring(line.indexOf(' ') + 1).strip();
    if (call.startsWith("<... ")) {
      call = call.substring(5);
      return call.substring(0, call.indexOf(' '));
    }
    return call.substring(0, call.indexOf('('));
  }

  /** Runs one command in a child JVM under strace; returns its network system calls (it must exit normally). */
  private List<String> networkCalls(String... args) throws IOException, InterruptedException {
    Path trace = Files.createTempFile(temp, "strace", ".txt");
    List<String> command = new ArrayList<>(List.of("strace", "-f", "-qq", "-e", "trace=%network", "-o",
        trace.toString()));
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(arg -> arg.startsWith("--add-") || arg.startsWith("-Dchronicle") || arg.startsWith("--enable-native"))
        .toList());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    assertThat(code).as("smtptrail %s: %s", args[0], output).isIn(0, 3, 4, 5);
    List<String> calls = Files.readAllLines(trace).stream()
        .filter(line -> line.contains("("))
        .filter(line -> !line.contains("SIG") && !line.contains("+++"))
        .toList();
    assertThat(output).as("%s ran", args[0]).isNotBlank();
    return calls;
  }

  private static boolean straceWorks() {
    try {
      Process probe = new ProcessBuilder("strace", "-qq", "-e", "trace=%network", "true")
          .redirectErrorStream(true).start();
      String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return probe.waitFor() == 0 && !output.contains("Operation not permitted");
    } catch (IOException | InterruptedException notThere) {
      return false;
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
