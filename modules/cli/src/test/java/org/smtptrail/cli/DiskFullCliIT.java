package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.cli.render.ExitCodes;

/**
 * A real full disk: the data folder on a small tmpfs, filled up by another file, then {@code index} (in its own JVM)
 * runs out of space. It ends with exit code 7 and a message naming the data folder and "disk full"; the index still
 * answers with what was committed; once the filler is deleted, a re-run completes without duplicates.
 *
 * <p>Needs root and permission to mount a tmpfs (a container may refuse): skipped, saying so, otherwise. The
 * engine's DiskFullTest covers the same fault everywhere, through a disk-filling Lucene directory.
 */
class DiskFullCliIT {
  private static final int FILES = 4;
  private static final int LINES_EACH = 8_000;

  @TempDir Path temp;
  private Path mount;

  @Test
  void indexOnAFullDiskEndsWithExitCode7AndARerunAfterSpaceIsFreedCompletes() throws Exception {
    mount = Files.createDirectories(temp.resolve("tmpfs"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=200m", "tmpfs", mount.toString()),
        "assumes root with permission to mount a tmpfs (mount -t tmpfs failed here); DiskFullTest covers the fault");
    List<Path> logs = FaultLogs.write(temp.resolve("logs"), FILES, LINES_EACH);
    String data = mount.resolve("data").toString();
    // the first file indexed creates the state files (allocated in full by Chronicle Map) and a first commit
    assertThat(CliRun.of("index", "--data", data, "--timezone", "UTC", logs.get(0).toString()).exitCode()).isZero();
    long indexBytes = folderBytes(mount.resolve("data/index"));
    Path filler = fillUntilFree(mount.resolve("filler"), indexBytes * 3 / 2);

    ChildCli index = ChildCli.start(temp.resolve("index.out"), "index", "--data", data, "--timezone", "UTC",
        temp.resolve("logs").toString());

    assertThat(index.exitCode(300)).as(index.printed()).isEqualTo(ExitCodes.DISK_FULL);
    assertThat(index.printed()).contains("smtptrail: error: disk full").contains("data folder " + data);
    List<String> committed = FaultLogs.recipients(data);
    assertThat(committed).as("the last commit answers").doesNotHaveDuplicates()
        .hasSizeGreaterThanOrEqualTo(LINES_EACH).hasSizeLessThan(FILES * LINES_EACH);
    assertThat(committed.size() % LINES_EACH).as("whole files committed").isZero();
    assertThat(CliRun.of("check", "--data", data, "--to", "fault0@example.net").exitCode()).isZero();

    Files.delete(filler);
    CliRun rerun = CliRun.of("index", "--data", data, "--timezone", "UTC", temp.resolve("logs").toString());

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(FaultLogs.recipients(data)).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(FaultLogs.expected(FILES * LINES_EACH));
  }

  /**
   * A start after a crash recovers each state file as a copy, renamed over it once recovered (issue 23): on a disk
   * without room for a copy it ends with exit code 7 (the disk is full), leaves that file as the crash left it (the
   * crash marker too, so the next start recovers again) and no part of a copy; once there is room, it recovers the
   * state and goes on from the checkpoints.
   */
  @Test
  void aStartAfterACrashOnAFullDiskEndsWithExitCode7AndLeavesTheStateWhole() throws Exception {
    mount = Files.createDirectories(temp.resolve("tmpfs"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=200m", "tmpfs", mount.toString()),
        "assumes root with permission to mount a tmpfs (mount -t tmpfs failed here)");
    List<Path> logs = FaultLogs.write(temp.resolve("logs"), 2, LINES_EACH);
    String data = mount.resolve("data").toString();
    ChildCli tail = ChildCli.start(temp.resolve("tail.out"), "tail", "--data", data, "--timezone", "UTC",
        logs.get(0).toString());
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (FaultLogs.recipients(data).size() < LINES_EACH && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    tail.process().destroyForcibly(); // SIGKILL: the state is left open
    assertThat(tail.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    Path state = mount.resolve("data/state");
    assertThat(state.resolve("in-use")).as("left by the killed tail: the next start recovers").exists();
    byte[] inFlight = Files.readAllBytes(state.resolve("in-flight.dat"));
    // room for a copy of checkpoints.dat (1.5 MB), not of in-flight.dat (24 MB): the first is recovered and renamed
    // over the file, the second found no room and is left as the crash left it
    Path filler = fillUntilFree(mount.resolve("filler"), 4L << 20);

    CliRun full = CliRun.of("index", "--data", data, "--timezone", "UTC", temp.resolve("logs").toString());

    assertThat(full.exitCode()).as(full.err()).isEqualTo(ExitCodes.DISK_FULL);
    assertThat(full.err()).contains("disk full").contains("data folder " + data);
    try (var files = Files.list(state)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("checkpoints.dat", "in-flight.dat", "first-opened", "in-use");
    }
    assertThat(Arrays.equals(Files.readAllBytes(state.resolve("in-flight.dat")), inFlight))
        .as("in-flight.dat as the crash left it").isTrue();

    Files.delete(filler);
    CliRun rerun = CliRun.of("index", "--data", data, "--timezone", "UTC", temp.resolve("logs").toString());

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(FaultLogs.recipients(data)).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(FaultLogs.expected(2 * LINES_EACH));
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      run("umount", mount.toString());
    }
  }

  /** Writes a file until the file system has about {@code free} bytes left. */
  private static Path fillUntilFree(Path filler, long free) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
    try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (Files.getFileStore(filler).getUsableSpace() > free + chunk.capacity()) {
        chunk.clear();
        out.write(chunk);
      }
    }
    return filler;
  }

  private static long folderBytes(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      long total = 0;
      for (Path file : files.toList()) {
        total += Files.size(file);
      }
      return total;
    }
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    return process.waitFor() == 0;
  }
}
