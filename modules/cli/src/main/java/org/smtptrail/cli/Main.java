package org.smtptrail.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;

/** Entry point. Only {@link #main} exits the JVM; {@link #run} returns the exit code so tests can run in-process. */
public final class Main {
  /**
   * Lucene logs a warning on every start when the JDK's incubating vector module is not enabled; it is a performance
   * note for Lucene's vector search, which smtptrail does not use. Held here so the setting is not garbage-collected.
   */
  private static final Logger LUCENE_VECTORIZATION = Logger.getLogger("org.apache.lucene.internal.vectorization");

  static {
    LUCENE_VECTORIZATION.setLevel(Level.SEVERE);
  }

  private Main() {}

  public static void main(String[] args) {
    if (Boolean.getBoolean(AotTraining.PROPERTY)) {
      AotTraining.main(args);
      return;
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /** Runs smtptrail with these arguments, printing to out and err, and returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new SmtptrailCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new OneLineErrorHandler());
    try {
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
