package org.smtptrail.cli;

import java.util.concurrent.Callable;
import org.smtptrail.cli.render.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code smtptrail completion}: prints the bash (and zsh) completion script picocli generates from the commands
 * themselves, so it can never miss a command or an option.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    header = "Print the bash/zsh completion script: source <(smtptrail completion)",
    description = {"Completes commands, options and option values (formats, verdicts).",
        "Install for good: smtptrail completion > /etc/bash_completion.d/smtptrail"})
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
    return ExitCodes.OK;
  }
}
