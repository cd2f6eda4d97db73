package org.smtptrail.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import org.smtptrail.cli.render.ExitCodes;

/**
 * The training run of the launcher's start-up cache (JDK 25+, {@code -XX:AOTCacheOutput}): runs the queries a support
 * agent runs most, in one JVM, so that the classes they load and the profiles of their hot methods are what the cache
 * holds. Queries only: a training run that also indexed made a cache that started a query 0.43 s instead of 0.30 s
 * (benchmarks/RESULTS.md, "Start-up"), its profiles send the JIT after indexing code a query never runs.
 *
 * <p>Not a command: {@code ./smtptrail} indexes the sample logs into {@code DATA_DIR}, then starts this once per jar
 * and JDK as {@code java -Dsmtptrail.aotTraining=true -jar smtptrail.jar DATA_DIR ADDRESS} (through the jar's
 * manifest, with the class path the cached runs will have).
 */
public final class AotTraining {
  /** The system property that makes {@link Main} run this instead of a command. */
  static final String PROPERTY = "smtptrail.aotTraining";

  private AotTraining() {}

  static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: java -Dsmtptrail.aotTraining=true -jar smtptrail.jar DATA_DIR ADDRESS");
      System.exit(ExitCodes.USAGE);
    }
    String data = args[0];
    String address = args[1];
    List<String[]> commands = List.of(
        new String[] {"trace", "--data", data, "--to", address},
        new String[] {"trace", "--data", data, "--to", address, "--format", "json"},
        new String[] {"check", "--data", data, "--to", address},
        new String[] {"stats", "--data", data},
        new String[] {"stats", "--data", data, "--by", "domain", "--format", "json"});
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    PrintWriter err = new PrintWriter(System.err, true);
    for (String[] command : commands) {
      int exit = Main.run(discard, err, command);
      // check exits with its verdict's code; any other code than those means the training itself went wrong
      if (exit != ExitCodes.OK && exit != ExitCodes.NO_RECORD && exit != ExitCodes.FAILED
          && exit != ExitCodes.PENDING) {
        System.err.println("AotTraining: " + String.join(" ", command) + " exited with " + exit);
        System.exit(exit);
      }
    }
  }
}
