package org.smtptrail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.smtptrail.cli.options.DataDirMixin;
import org.smtptrail.cli.options.SourcesMixin;
import org.smtptrail.cli.options.StoreMixin;
import org.smtptrail.cli.options.TailPacingMixin;
import org.smtptrail.cli.render.ExitCodes;
import org.smtptrail.cli.serve.AccessTokens;
import org.smtptrail.cli.serve.InProcessTail;
import org.smtptrail.cli.serve.QueryServer;
import org.smtptrail.cli.serve.Role;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.FileTailer;
import org.smtptrail.engine.ingest.LogSource;
import org.smtptrail.engine.store.LiveStore;
import org.smtptrail.engine.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code smtptrail serve}: the query service (JSON API, /metrics) and the web page, over an index kept open. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    header = "Answer trace/check/events/stats over HTTP (JSON API, /metrics) and serve the web page.",
    description = {
      "Keeps the index open and takes in what 'tail' or 'index' commit (or tails itself with --tail), so answers",
      "take milliseconds. The page is at /, the API under /api/ (trace, check, events/KEY, stats), Prometheus",
      "metrics at /metrics. Listens on 127.0.0.1 unless --bind says otherwise; any other address needs",
      "--token-file. The CLI asks a server with --server URL (or SMTPTRAIL_SERVER)."
    },
    // the footer's heading in footerHeading, not in the footer: picocli's man page generator leaves a footer out
    // unless it has a heading
    footerHeading = "%nExamples:%n",
    footer = {
      "  smtptrail serve                                   http://127.0.0.1:8025/ over the default data folder",
      "  smtptrail serve --tail /var/log/mail.log          serve and follow the log in one process",
      "  smtptrail serve --bind 0.0.0.0 --token-file FILE  for the support team's network; FILE is chmod 600",
      "  smtptrail trace --server http://127.0.0.1:8025 --to john@example.net"})
public final class ServeCommand implements Callable<Integer> {
  /** The server checks for new commits this often: a tailed line is on the page well within a second. */
  private static final Duration REFRESH_EVERY = Duration.ofMillis(200);
  /** Rows per verdict for /metrics are counted at most this often (a count reads every row). */
  private static final Duration COUNT_EVERY = Duration.ofSeconds(10);

  @Spec CommandSpec spec;
  @Mixin DataDirMixin data;
  @Mixin StoreMixin store;

  @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}); a non-loopback one needs --token-file.")
  String bind;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8025",
      description = "Port (default ${DEFAULT-VALUE}; 0: any free port, printed at start).")
  int port;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = {"Require a token: one per line, TOKEN or ROLE TOKEN (roles: admin, support), at least 16",
          "characters; the file must not be readable by others (chmod 600)."})
  Path tokenFile;

  @Option(names = "--support", description = "Every answer redacted as trace --redact (support role for all).")
  boolean support;

  @Option(names = "--tail", arity = "0..*", paramLabel = "PATH",
      description = "Also follow these logs (or the --config sources) in this process, as 'tail' does.")
  List<Path> tail;

  @Mixin SourcesMixin sources;
  @Mixin TailPacingMixin pacing;

  @Option(names = "--refresh-ms", paramLabel = "MS", defaultValue = "100",
      description = {"With --tail: how often new lines are made searchable here without a commit (default",
          "${DEFAULT-VALUE}); a request also takes in every line written before it came, waiting at most 1 s."})
  long refreshMillis;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
      description = {"Requests that read the index at once (default ${DEFAULT-VALUE}); connections are read on",
          "virtual threads, so slow or idle clients do not take these."})
  int threads;

  @Option(names = "--request-seconds", paramLabel = "N", defaultValue = "10",
      description = {"Time budget of one request (default ${DEFAULT-VALUE} s): waiting for a worker and reading the",
          "index; past it the answer is 503 and the work stops."})
  int requestSeconds;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "2000",
      description = "Most rows one request may ask for (default ${DEFAULT-VALUE}); the CLI pages through more.")
  int maxRows;

  @Option(names = "--max-seconds", paramLabel = "N", description = "Stop after N seconds (for scripts and tests).")
  Long maxSeconds;

  @Override
  public Integer call() throws Exception {
    if (refreshMillis < 0) {
      throw new IllegalArgumentException("--refresh-ms " + refreshMillis + ": expected 0 or more milliseconds");
    }
    AccessTokens tokens = tokenFile == null ? null
        : AccessTokens.read(tokenFile, support ? Role.support : Role.admin);
    QueryServer.Settings settings = new QueryServer.Settings(address(bind), port, tokens, support, threads, maxRows,
        Duration.ofSeconds(requestSeconds), REFRESH_EVERY, COUNT_EVERY);
    List<LogSource> toFollow = tail == null ? null : sources.sources(tail);
    PrintWriter out = spec.commandLine().getOut();
    Store served = store.store(sources.configuredStore());
    try (GracefulStop stop = new GracefulStop("serve")) {
      try (InProcessTail tailing = toFollow == null ? null : new InProcessTail(
              new FileTailer(data.dataDirectory(), served,
                  pacing.settings().withRefresh(Duration.ofMillis(refreshMillis)), toFollow),
              spec.commandLine().getErr());
          LiveStore index = served.openLive(data.dataDirectory(), tailing == null ? null : tailing.view());
          QueryServer server = listen(settings, index, tailing)) {
        out.printf("serving %s at %s (page /, API /api/, metrics /metrics)%s; Ctrl-C to stop%n",
            served instanceof LocalStore ? data.dataDirectory().root() : served, server.uri(),
            tokens == null ? "" : ", token required");
        if (toFollow != null) {
          out.printf("following %s%n",
              toFollow.stream().map(LogSource::describe).collect(Collectors.joining(", ", "[", "]")));
        }
        out.flush();
        long deadline = maxSeconds == null ? Long.MAX_VALUE : System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (stop.running() && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
      }
      // before the stop is released: on Ctrl-C the JVM exits as soon as it is
      out.println("stopped");
      out.flush();
    }
    return ExitCodes.OK;
  }

  private QueryServer listen(QueryServer.Settings settings, LiveStore index, InProcessTail tailing)
      throws IOException {
    try {
      return QueryServer.start(settings, index, tailing, spec.commandLine().getErr());
    } catch (BindException taken) {
      throw new IOException("cannot listen on " + bind + ":" + port + ": " + taken.getMessage()
          + " (another smtptrail serve? pick another --port)", taken);
    }
  }

  private static InetAddress address(String name) {
    try {
      return InetAddress.getByName(name);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind " + name + ": no such address");
    }
  }
}
