package org.smtptrail.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.engine.DataFolderWriteException;
import org.smtptrail.engine.store.IndexNeedsUpgradeException;
import org.smtptrail.engine.store.QueryRefusedException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns an exception from a command into one clear line on stderr and exit code 1 (7 for a full disk); the stack
 * trace only with {@code --verbose}. Bad arguments found while running (an unknown format name, a malformed time, a
 * filter the engine refuses to search) are usage errors.
 */
final class OneLineErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    var err = commandLine.getErr();
    if (e instanceof QueryRefusedException refused && refused.parameter() != null) {
      // the engine names the filter as the API does (message_id); the user typed the option (--message-id)
      err.println("smtptrail: --" + refused.parameter().replace('_', '-') + ": " + refused.reason());
      return ExitCodes.USAGE;
    }
    if (e instanceof IndexNeedsUpgradeException upgradeFirst) { // says all there is to say: what to run
      err.println("smtptrail: " + upgradeFirst.getMessage());
      return ExitCodes.USAGE;
    }
    if (e instanceof IllegalArgumentException || e instanceof CommandLine.ParameterException) {
      err.println("smtptrail: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    err.println("smtptrail: error: " + describe(e));
    if (diskFull(e)) {
      return ExitCodes.DISK_FULL;
    }
    if (verbose(parseResult)) {
      e.printStackTrace(err);
    } else {
      err.println("(run with --verbose for details)");
    }
    return ExitCodes.INTERNAL_ERROR;
  }

  private static boolean diskFull(Throwable e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return cause instanceof DataFolderWriteException writeFailure && writeFailure.diskFull();
  }

  private static String describe(Throwable e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof NoSuchFileException missing) {
      return "no such file: " + missing.getFile();
    }
    if (cause instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (cause instanceof IOException && cause.getMessage() != null) {
      return cause.getMessage();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static boolean verbose(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
