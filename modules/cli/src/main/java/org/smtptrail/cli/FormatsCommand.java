package org.smtptrail.cli;

import java.util.concurrent.Callable;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.core.LogFormat;
import org.smtptrail.core.LogFormats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code smtptrail formats}: the installed log formats. */
@Command(name = "formats", mixinStandardHelpOptions = true, header = "List the installed log formats.")
public final class FormatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    for (LogFormat format : LogFormats.all()) {
      spec.commandLine().getOut().printf("%-10s %s%n", format.name(), format.description());
    }
    return ExitCodes.OK;
  }
}
