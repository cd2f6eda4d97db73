package org.smtptrail.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The top command: a list of subcommands; alone, it prints a short usage with examples. */
@Command(
    name = "smtptrail",
    mixinStandardHelpOptions = true,
    versionProvider = ManifestVersionProvider.class,
    header = "Was the message to X handed to the recipient's mail server, and if not, why?",
    description = "Indexes mail server logs (Postfix, Axigen, Xeams) and answers per recipient with a verdict and evidence.",
    // the footer's heading in footerHeading, not in the footer: picocli's man page generator leaves a footer out
    // unless it has a heading
    footerHeading = "%nExamples:%n",
    footer = {
      "  smtptrail index /var/log/mail.log*            index logs (plain, rotated, .gz)",
      "  smtptrail tail /var/log/mail.log              follow a live log (rotation-safe)",
      "  smtptrail trace --to john@example.net         what happened to mail for john",
      "  smtptrail trace --to '@example.net' --page 2  a whole domain, page 2",
      "  smtptrail check --to john@example.net         verdict only; exit code 0/3/4/5",
      "  smtptrail events postfix:mx1:3F2A81C0D2       every line of one message",
      "  smtptrail stats --since 1d --by domain        counts, like pflogsumm's totals",
      "  smtptrail serve                               web page and JSON API at http://127.0.0.1:8025/",
      "  smtptrail trace --server URL --to ADDR        ask a running serve (or set SMTPTRAIL_SERVER)",
      "  smtptrail upgrade                             store the verdicts of an older smtptrail's index",
      "  source <(smtptrail completion)                tab completion in bash or zsh",
      "",
      "Exit codes: 0 ok (check: handed over/delivered), 1 internal error, 2 usage error,",
      "            3 no record, 4 bounced/expired/rejected, 5 deferred/unknown, 6 index --strict found bad lines,",
      "            7 disk of the data folder full, 130 index stopped by Ctrl-C (re-run to go on)."
    },
    subcommands = {
      IndexCommand.class,
      TailCommand.class,
      TraceCommand.class,
      CheckCommand.class,
      EventsCommand.class,
      StatsCommand.class,
      StoreCommand.class,
      ServeCommand.class,
      UpgradeCommand.class,
      FormatsCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SmtptrailCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
  boolean verbose;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
