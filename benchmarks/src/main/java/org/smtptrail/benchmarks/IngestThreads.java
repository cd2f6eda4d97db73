package org.smtptrail.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.IngestSummary;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.ingest.LogSource;

/**
 * Batch-indexes files as {@code smtptrail index} does (in this JVM, zone UTC, format sniffed) and prints the CPU
 * seconds of every thread group, read from {@code /proc/self/task} (Linux): the reading thread, the index worker,
 * Lucene's merge threads, the JIT compilers, the garbage collector. Threads are read every 100 ms and at the end, so
 * a thread that ended (a merge, the index worker once its session closed) counts with its last reading. On a machine shared with other work the
 * wall time says little, while CPU seconds per thread barely change; and the largest of "reading thread", "index
 * worker" and "all threads / cores" is the wall time a quiet machine with that many cores needs at least.
 *
 * <p>With {@code --warm-up}, the files are indexed once before, into a folder deleted after, and only the second
 * run counts: what the ingest costs once the JIT has compiled its hot paths (a long tail, or a machine that indexes
 * all day), against the first run's cost with the compilation in it.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.smtptrail.benchmarks.IngestThreads [--warm-up] DATA_DIR FILE...}
 * (DATA_DIR must not exist yet).
 */
public final class IngestThreads {
  private IngestThreads() {}

  public static void main(String[] args) throws IOException {
    boolean warmUp = args.length > 0 && args[0].equals("--warm-up");
    int first = warmUp ? 1 : 0;
    Path data = Path.of(args[first]);
    if (Files.exists(data)) {
      throw new IllegalArgumentException(data + " exists: give a data folder that does not");
    }
    List<LogSource> sources = new ArrayList<>();
    for (int i = first + 1; i < args.length; i++) {
      sources.add(LogSource.of(Path.of(args[i]), new IngestOptions(null, ZoneOffset.UTC, null)));
    }
    Map<String, Double> before = new ConcurrentHashMap<>(); // the warm-up's CPU, taken off the threads that stay
    if (warmUp) {
      Path warmUpData = data.resolveSibling(data.getFileName() + ".warm-up");
      long started = System.nanoTime();
      new Ingester(new DataDirectory(warmUpData), LocalStore.DEFAULT, IngestListener.NONE).index(sources);
      System.out.printf("warm-up run: %.1f s wall%n", (System.nanoTime() - started) / 1e9);
      Cleanup.delete(warmUpData);
      readThreads(before);
    }
    Map<String, Double> seconds = new ConcurrentHashMap<>(); // "TID NAME" -> its last CPU reading
    Thread poller = Thread.ofPlatform().daemon().start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        readThreads(seconds);
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    long started = System.nanoTime();
    IngestSummary summary =
        new Ingester(new DataDirectory(data), LocalStore.DEFAULT, IngestListener.NONE).index(sources);
    double wall = (System.nanoTime() - started) / 1e9;
    poller.interrupt();
    readThreads(seconds);
    Map<String, Double> cpu = new TreeMap<>();
    seconds.forEach((thread, cpuSeconds) -> cpu.merge(group(thread.substring(thread.indexOf(' ') + 1)),
        cpuSeconds - before.getOrDefault(thread, 0.0), Double::sum));
    double total = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("%d lines, %d events in %.1f s wall = %.0f lines/s%n", summary.lines(), summary.events(), wall,
        summary.lines() / wall);
    System.out.println("| thread group | CPU s | µs per line |");
    System.out.println("|---|---|---|");
    cpu.forEach((group, used) -> System.out.printf("| %s | %.1f | %.2f |%n", group, used,
        used * 1e6 / summary.lines()));
    System.out.printf(warmUp ? "| all threads (after the warm-up) | %.1f | %.2f |%n"
        : "| all threads (JVM start included) | %.1f | %.2f |%n", total, total * 1e6 / summary.lines());
    double floor = Math.max(total / cores, Math.max(cpu.getOrDefault("reading thread (main)", 0.0),
        cpu.getOrDefault("index worker (smtptrail-indexer)", 0.0)));
    System.out.printf("bytes written by write calls (/proc/self/io wchar): %s%n", written());
    System.out.printf("least wall time on %d idle cores: %.1f s (%.0f lines/s)%n", cores, floor,
        summary.lines() / floor);
  }

  /** Records utime + stime of every live thread of this process under "TID NAME". */
  private static void readThreads(Map<String, Double> seconds) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        String name;
        String stat;
        try {
          name = Files.readString(task.resolve("comm")).strip();
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue; // the thread ended while listed
        }
        // fields after the ")" that closes the name: state is field 3, utime 14 and stime 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // USER_HZ = 100
        seconds.put(task.getFileName() + " " + name, cpu);
      }
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  /** What this process wrote with write(2) and friends so far (index files, temporary files; not mapped files). */
  private static String written() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
      if (line.startsWith("wchar:")) {
        return line.substring("wchar:".length()).strip();
      }
    }
    return "?";
  }

  private static String group(String thread) {
    if (thread.equals("java") || thread.equals("main")) {
      return "reading thread (main)";
    }
    if (thread.startsWith("smtptrail-index")) {
      return "index worker (smtptrail-indexer)";
    }
    if (thread.startsWith("Lucene Merge")) {
      return "Lucene merges";
    }
    if (thread.startsWith("C1 ") || thread.startsWith("C2 ")) {
      return "JIT compilers";
    }
    if (thread.startsWith("GC ") || thread.startsWith("G1 ")) {
      return "garbage collector";
    }
    return "other (VM, Chronicle, ...)";
  }
}
