package org.smtptrail.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.query.TraceQuery;
import org.smtptrail.engine.query.TraceSearcher;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * What one recipient lookup costs in the engine alone, without HTTP and JSON: the server's {@code /api/trace?to=}
 * minus the transport. Warms up with the first {@value #WARM_UP} addresses of a file (as a server has answered
 * many before), then traces each given address {@value #ROUNDS} times and prints the median, fastest and p90.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.smtptrail.benchmarks.LookupProbe DATA_DIR RECIPIENTS_FILE ADDRESS...}
 * (the recipients file of benchmarks/serve-corpus.sh does).
 */
public final class LookupProbe {
  private static final int WARM_UP = 1500;
  private static final int ROUNDS = 300;

  private LookupProbe() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: LookupProbe DATA_DIR RECIPIENTS_FILE ADDRESS...");
      System.exit(2);
    }
    List<String> warmUp = Files.readAllLines(Path.of(args[1])).stream().filter(line -> !line.isBlank())
        .limit(WARM_UP).toList();
    try (EventStore store = EventStore.open(new DataDirectory(Path.of(args[0])))) {
      TraceSearcher searcher = new TraceSearcher(store);
      for (String address : warmUp) {
        searcher.trace(TraceQuery.all().withTo(address));
      }
      for (String address : Arrays.copyOfRange(args, 2, args.length)) {
        long[] nanos = new long[ROUNDS];
        int rows = 0;
        for (int i = 0; i < ROUNDS; i++) {
          long start = System.nanoTime();
          List<DeliveryRow> found = searcher.trace(TraceQuery.all().withTo(address));
          nanos[i] = System.nanoTime() - start;
          rows = found.size();
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s: %d rows, trace p50 %.3f ms, fastest %.3f ms, p90 %.3f ms%n", address,
            rows, nanos[ROUNDS / 2] / 1e6, nanos[0] / 1e6, nanos[ROUNDS * 9 / 10] / 1e6);
      }
    }
  }
}
