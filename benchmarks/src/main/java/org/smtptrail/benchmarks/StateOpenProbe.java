package org.smtptrail.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.state.MessageEntry;
import org.smtptrail.engine.state.StateStore;

/**
 * What opening a data folder's state costs, against the number of messages in flight: {@code fill} writes that many
 * (keys and values shaped as the correlator's), {@code open} times one {@link StateStore#open} in this JVM (run it in
 * a fresh JVM each time: a start is a cold JVM), {@code open crashed} first leaves the marker a killed writer leaves,
 * so the open recovers the state, as a start after a crash does. {@code lookups} times what each message costs the
 * correlator once the state holds that many (a file grown past its layout has more tiers to walk).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.smtptrail.benchmarks.StateOpenProbe fill DATA_DIR MESSAGES} and
 * {@code ... StateOpenProbe open DATA_DIR [crashed]}, {@code ... StateOpenProbe lookups DATA_DIR MESSAGES} (after a
 * {@code fill} of as many); {@code benchmarks/state-open.sh} runs the table of
 * benchmarks/RESULTS.md. It prints {@code open MS ms, CPU ms CPU, N in flight, BYTES bytes, W MB written}: the wall
 * time, the CPU time of the whole JVM (every thread: the JIT's too) during the open, less sensitive to a busy
 * machine, the size of the in-flight file and what the open had written to the disk.
 */
public final class StateOpenProbe {
  private StateOpenProbe() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || !(args[0].equals("fill") && args.length == 3 || args[0].equals("open")
        || args[0].equals("lookups") && args.length == 3)) {
      System.err.println("usage: StateOpenProbe fill DATA_DIR MESSAGES | StateOpenProbe open DATA_DIR [crashed]"
          + " | StateOpenProbe lookups DATA_DIR MESSAGES");
      System.exit(2);
    }
    DataDirectory data = new DataDirectory(Path.of(args[1]));
    if (args[0].equals("fill")) {
      fill(data, Integer.parseInt(args[2]));
      return;
    }
    if (args[0].equals("lookups")) {
      lookups(data, Integer.parseInt(args[2]));
      return;
    }
    if (args.length > 2 && args[2].equals("crashed")) {
      Files.writeString(data.state().resolve("in-use"), "0"); // what a writer killed with the state open leaves
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long written = bytesWritten();
    long started = System.nanoTime();
    try (StateStore store = StateStore.open(data)) {
      long millis = (System.nanoTime() - started) / 1_000_000;
      long cpuMillis = (os.getProcessCpuTime() - cpu) / 1_000_000;
      System.out.printf("open %d ms, %d ms CPU, %d in flight, %d bytes, %d MB written%n", millis, cpuMillis,
          store.inFlightMessages().size(), Files.size(data.state().resolve("in-flight.dat")),
          (bytesWritten() - written) >> 20);
    }
  }

  /**
   * Bytes this process has had written to storage (Linux: {@code write_bytes} of {@code /proc/self/io}; a sync of a
   * mapped file counts), 0 where that is not known.
   */
  private static long bytesWritten() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
        if (line.startsWith("write_bytes:")) {
          return Long.parseLong(line.substring("write_bytes:".length()).strip());
        }
      }
    } catch (IOException | NumberFormatException unknown) {
      // not Linux
    }
    return 0;
  }

  /** Messages of one Postfix host with long queue ids, half of them ended (as a day of traffic leaves them). */
  private static void fill(DataDirectory data, int messages) throws IOException {
    try (StateStore store = StateStore.open(data)) {
      long started = System.nanoTime();
      for (int n = 0; n < messages; n++) {
        store.inFlightMessages().put(localId(n), entry(n));
      }
      System.out.printf("filled %d in %d ms%n", messages, (System.nanoTime() - started) / 1_000_000);
    }
  }

  /**
   * What a message in flight costs the correlator once the state holds {@code messages} (filled before): a write
   * of one seen again, a read of a present one and of an absent one, in nanoseconds, after a first pass of each.
   */
  private static void lookups(DataDirectory data, int messages) throws IOException {
    try (StateStore store = StateStore.open(data)) {
      var inFlight = store.inFlightMessages();
      long put = 0;
      long hit = 0;
      long miss = 0;
      for (int pass = 0; pass < 2; pass++) { // the first one compiles
        long started = System.nanoTime();
        for (int n = 0; n < messages; n++) {
          inFlight.put(localId(n), entry(n + 1)); // seen again: a later time
        }
        long written = System.nanoTime();
        for (int n = 0; n < messages; n++) {
          if (inFlight.get(localId(n)) == null) {
            throw new IllegalStateException("message " + n + " lost");
          }
        }
        long read = System.nanoTime();
        for (int n = 0; n < messages; n++) {
          if (inFlight.get(localId(4 * messages + n)) != null) {
            throw new IllegalStateException("message " + (4 * messages + n) + " never written");
          }
        }
        put = (written - started) / messages;
        hit = (read - written) / messages;
        miss = (System.nanoTime() - read) / messages;
      }
      System.out.printf("%d in flight: write %d ns, read %d ns, absent %d ns%n", inFlight.size(), put, hit, miss);
    }
  }

  private static String localId(int n) {
    return "postfix\u0000mx1.example.com\u0000" + queueId(n);
  }

  private static MessageEntry entry(int n) {
    return new MessageEntry("postfix:mx1.example.com:" + queueId(n), 1_763_900_000_000L + n, n % 2 == 0);
  }

  private static String queueId(int n) {
    return "4h" + Long.toString(1_000_000_000_000L + n * 7_919L, 36);
  }
}
