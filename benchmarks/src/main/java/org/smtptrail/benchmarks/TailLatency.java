package org.smtptrail.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.ReaderManager;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.RowSchema;
import org.smtptrail.testkit.PostfixCorpus;

/**
 * Append to answer, end to end, as a support agent meets it: a writer appends generated Postfix lines to a log at
 * {@code RATE} lines per second (10 ms slices, like a busy server's syslog) while smtptrail follows it in its own JVM
 * (the jar given); every 0.2 s a complete probe message (cleanup, qmgr, a 250 delivery, removed) with a recipient of
 * its own is appended, and from that moment the probe's recipient is asked for every 20 ms until the answer is
 * HANDED_OVER. The sample is the time from the probe's last line written to that answer.
 *
 * <ul>
 *   <li>{@code serve}: {@code smtptrail serve --tail LOG}, asked through {@code /api/check?to=} (one process writes
 *       and answers).
 *   <li>{@code cross}: {@code smtptrail tail LOG}, asked as {@code trace} in another process asks: a reader of the
 *       data folder's last commit (reopened every 20 ms), in this JVM.
 * </ul>
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.smtptrail.benchmarks.TailLatency serve|cross JAR RATE PROBES
 * [JVM_OPTION...]}. Prints the percentiles, the rate the writer kept and the lines the tailer read; the child JVM is
 * started as the launcher starts it ({@code -Dchronicle.analytics.disable=true}, {@code -Xmx1g}, JDK 23+'s
 * {@code --sun-misc-unsafe-memory-access=allow}). {@code SMTPTRAIL_BENCH_SERIES=1} also prints the samples in the
 * order taken; {@code SMTPTRAIL_BENCH_KEEP=1} keeps the temporary folder (the log, the data folder, the child's
 * output) for a look afterwards.
 */
public final class TailLatency {
  private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
  private static final Pattern LINES_READ = Pattern.compile("smtptrail_tail_lines_read_total (\\d+)");
  private static final Duration PROBE_EVERY = Duration.ofMillis(200);
  private static final Duration ASK_EVERY = Duration.ofMillis(20);
  /**
   * How long the log is written before the first probe: the tailer's JIT warms up, as it has on a server that runs
   * for days. On two cores shared with the writer, C2 still compiles Lucene's hot methods 5 s into 50 k lines/s (13 s
   * of compilation in the first 30 s, JFR), and the first probes then measured the compiler; 15 s is past it.
   */
  private static final Duration WARM_UP = Duration.ofSeconds(15);

  private final String mode;
  private final Path folder;
  private final Path log;
  private final Writer writer;
  private final int rate;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final HttpClient http = HttpClient.newHttpClient();
  private long probeQueueIds = 0xA000000000L;

  private TailLatency(String mode, int rate) throws IOException {
    this.mode = mode;
    this.rate = rate;
    this.folder = Files.createTempDirectory("smtptrail-bench-latency");
    this.log = folder.resolve("mail.log");
    this.writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 4 || !List.of("serve", "cross").contains(args[0])) {
      System.err.println("usage: TailLatency serve|cross JAR RATE PROBES [JVM_OPTION...]");
      System.exit(2);
    }
    TailLatency benchmark = new TailLatency(args[0], Integer.parseInt(args[2]));
    try {
      benchmark.run(Path.of(args[1]), Integer.parseInt(args[3]), Arrays.asList(args).subList(4, args.length));
    } finally {
      if (System.getenv("SMTPTRAIL_BENCH_KEEP") == null) {
        Cleanup.delete(benchmark.folder);
      } else {
        System.out.println("kept " + benchmark.folder + " (child.out: what smtptrail printed)");
      }
    }
  }

  private void run(Path jar, int probes, List<String> jvmOptions) throws Exception {
    Path data = folder.resolve("data");
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Dchronicle.analytics.disable=true", "-Xmx1g", "--sun-misc-unsafe-memory-access=allow"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    if (mode.equals("serve")) {
      command.addAll(List.of("serve", "--port", "0", "--data", data.toString(), "--timezone", "UTC", "--tail",
          log.toString()));
    } else {
      command.addAll(List.of("tail", "--data", data.toString(), "--timezone", "UTC", log.toString()));
    }
    Path output = folder.resolve("child.out");
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      URI server = mode.equals("serve") ? awaitServer(child, output) : null;
      awaitStarted(child, output);
      RateWriter rated = new RateWriter(writer, PostfixCorpus.endless(5), rate);
      Thread writing = Thread.ofPlatform().name("writer").start(() -> rated.writeWhile(running::get));
      long started = System.nanoTime();
      Thread.sleep(WARM_UP.toMillis());
      long[] samples = probe(probes, server, new DataDirectory(data));
      running.set(false);
      writing.join();
      double seconds = (System.nanoTime() - started) / 1e9;
      long read = server == null ? -1 : linesRead(server);
      report(samples, seconds, rated.written(), read);
    } finally {
      child.destroy();
      child.waitFor(30, TimeUnit.SECONDS);
      child.destroyForcibly();
      writer.close();
    }
  }

  private static URI awaitServer(Process child, Path output) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && child.isAlive()) {
      Matcher url = URL.matcher(Files.readString(output));
      if (url.find()) {
        return URI.create(url.group(1));
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("serve did not start: " + Files.readString(output));
  }

  private static void awaitStarted(Process child, Path output) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline && child.isAlive() && !Files.readString(output).contains("following")) {
      Thread.sleep(50);
    }
    if (!child.isAlive()) {
      throw new IllegalStateException("smtptrail ended: " + Files.readString(output));
    }
  }

  /** Writes a probe every 0.2 s and asks for each on a thread of its own; the append-to-answer times in ms. */
  private long[] probe(int probes, URI server, DataDirectory data) throws Exception {
    List<Future<Long>> answers = new ArrayList<>();
    CommittedView committed = server == null ? new CommittedView(data) : null;
    try (ExecutorService askers = Executors.newVirtualThreadPerTaskExecutor()) {
      // a warm tailer on a busy server is not behind: the backlog of its cold start is read before probes count
      String warm = "warm@latency.example.net";
      long warmedIn = server != null ? askServer(server, warm, appendProbe(warm))
          : askIndex(committed, warm, appendProbe(warm));
      System.out.printf(Locale.ROOT, "caught up with the cold start's backlog in %d ms%n", warmedIn);
      long next = System.nanoTime();
      for (int p = 0; p < probes; p++) {
        String recipient = "probe" + p + "@latency.example.net";
        long appended = appendProbe(recipient);
        answers.add(askers.submit(() -> server != null ? askServer(server, recipient, appended)
            : askIndex(committed, recipient, appended)));
        next += PROBE_EVERY.toNanos();
        LockSupport.parkNanos(next - System.nanoTime());
      }
      long[] samples = new long[probes];
      for (int p = 0; p < probes; p++) {
        samples[p] = answers.get(p).get(120, TimeUnit.SECONDS);
      }
      return samples;
    } finally {
      if (committed != null) {
        running.set(false);
        committed.close();
      }
    }
  }

  /** A whole message of four lines, written at once; when its last line was flushed (System.nanoTime). */
  private long appendProbe(String recipient) throws IOException {
    String id = String.format(Locale.ROOT, "%X", probeQueueIds++);
    String stamp = "Nov 23 23:59:59 mx1 postfix/";
    synchronized (writer) {
      writer.write(stamp + "cleanup[7]: " + id + ": message-id=<" + id + "@latency.example.org>\n");
      writer.write(stamp + "qmgr[8]: " + id + ": from=<bench@example.org>, size=1200, nrcpt=1 (queue active)\n");
      writer.write(stamp + "smtp[9]: " + id + ": to=<" + recipient + ">, relay=mx.example.net[203.0.113.7]:25,"
          + " delay=0.4, delays=0.1/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4XyZ)\n");
      writer.write(stamp + "qmgr[8]: " + id + ": removed\n");
      writer.flush();
      return System.nanoTime();
    }
  }

  private long askServer(URI server, String recipient, long appended) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.resolve("api/check?to=" + recipient)).build();
    while (true) {
      long asked = System.nanoTime();
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.body().contains("\"HANDED_OVER\"")) {
        return (System.nanoTime() - appended) / 1_000_000;
      }
      LockSupport.parkNanos(asked + ASK_EVERY.toNanos() - System.nanoTime());
    }
  }

  /**
   * As {@code trace} in another process: the last commit's reader (one for all askers, reopened every 20 ms by a
   * thread of its own, as often as each of them asks) searched for the probe every 20 ms.
   */
  private long askIndex(CommittedView committed, String recipient, long appended) throws Exception {
    while (true) {
      long asked = System.nanoTime();
      DirectoryReader reader = committed.acquire();
      if (reader != null) {
        try {
          if (handedOver(reader, recipient)) {
            return (System.nanoTime() - appended) / 1_000_000;
          }
        } finally {
          committed.release(reader);
        }
      }
      LockSupport.parkNanos(asked + ASK_EVERY.toNanos() - System.nanoTime());
    }
  }

  /** The data folder's last commit, reopened every 20 ms once the first commit exists. */
  private final class CommittedView implements AutoCloseable {
    private final FSDirectory directory;
    private final Thread reopening;
    private volatile ReaderManager readers;

    CommittedView(DataDirectory data) throws IOException {
      Files.createDirectories(data.index());
      directory = FSDirectory.open(data.index());
      reopening = Thread.ofPlatform().daemon().name("reopen").start(this::reopen);
    }

    private void reopen() {
      try {
        while (running.get()) {
          if (readers == null && DirectoryReader.indexExists(directory)) {
            readers = new ReaderManager(directory);
          } else if (readers != null) {
            readers.maybeRefreshBlocking();
          }
          Thread.sleep(ASK_EVERY.toMillis());
        }
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    DirectoryReader acquire() throws IOException {
      ReaderManager current = readers;
      return current == null ? null : current.acquire();
    }

    void release(DirectoryReader reader) throws IOException {
      readers.release(reader);
    }

    @Override
    public void close() throws Exception {
      reopening.join();
      if (readers != null) {
        readers.close();
      }
      directory.close();
    }
  }

  /** Whether the reader has the probe's verdict row, HANDED_OVER (the row trace reads, found as it finds it). */
  private static boolean handedOver(DirectoryReader reader, String recipient) throws IOException {
    Query row = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(RowSchema.ADDRESS, recipient)), BooleanClause.Occur.FILTER)
        .add(new TermQuery(new Term(RowSchema.VERDICT, "HANDED_OVER")), BooleanClause.Occur.FILTER)
        .build();
    return new IndexSearcher(reader).count(row) > 0;
  }

  private long linesRead(URI server) throws Exception {
    String metrics = http.send(HttpRequest.newBuilder(server.resolve("metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher lines = LINES_READ.matcher(metrics);
    return lines.find() ? Long.parseLong(lines.group(1)) : -1;
  }

  private void report(long[] samples, double seconds, long written, long read) {
    if (System.getenv("SMTPTRAIL_BENCH_SERIES") != null) {
      System.out.println("in order: " + Arrays.toString(samples));
    }
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s at %d lines/s: n=%d p50 %d ms p90 %d ms p99 %d ms max %d ms%n", mode, rate,
        sorted.length, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1]);
    System.out.printf(Locale.ROOT, "writer appended %d lines in %.1f s (%.0f lines/s)%s%n", written, seconds,
        written / seconds, read < 0 ? "" : "; the server's tail read " + read);
  }

  private static long at(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
  }
}
