package org.smtptrail.benchmarks.soak;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.smtptrail.testkit.PostfixCorpus;

/**
 * The tail soak (not a JMH benchmark, not in the test suite; run by {@code benchmarks/soak/run.sh}): a generated
 * Postfix stream with expected verdicts is written at {@code RATE} lines/s for {@code SECONDS}, rotated every
 * {@code ROTATE} seconds (rename + create with later gzip, and copytruncate, alternately), while a real
 * {@code smtptrail tail} process is killed with SIGKILL at random moments and restarted. At the end the tailer
 * catches up and stops, and the index is checked: events lost and duplicated (both must be 0) and every expected
 * verdict.
 *
 * <p>{@code TailSoak WORK_DIR SECONDS RATE ROTATE KILL_MIN KILL_MAX -- TAIL_COMMAND...}; exit code 0 only if nothing
 * was lost or duplicated and every verdict matched.
 */
public final class TailSoak {
  private TailSoak() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int rate = Integer.parseInt(args[2]);
    int rotateEvery = Integer.parseInt(args[3]);
    int killMin = Integer.parseInt(args[4]);
    int killMax = Integer.parseInt(args[5]);
    List<String> tailCommand = List.of(args).subList(7, args.length);
    Path corpus = Files.createDirectories(work.resolve("corpus"));
    Path logs = Files.createDirectories(work.resolve("logs"));
    Path data = work.resolve("data");
    Path log = logs.resolve("mail.log");

    long generated;
    try (Writer out = Files.newBufferedWriter(corpus.resolve("mail.log"), StandardCharsets.UTF_8);
        Writer expected = Files.newBufferedWriter(corpus.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
      generated = new PostfixCorpus(20261123).write(out, expected, (long) seconds * rate);
    }
    long[] expectedEvents = SoakCheck.expectedEvents(corpus.resolve("mail.log"));
    say("corpus: %d lines, %d events expected", generated, expectedEvents.length);

    RotatingWriter writer = new RotatingWriter(corpus.resolve("mail.log"), log, rate, rotateEvery);
    double[] writeSeconds = new double[1];
    Thread writing = new Thread(() -> {
      try {
        writeSeconds[0] = writer.run();
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, "soak-writer");
    writing.start();

    SplittableRandom random = new SplittableRandom(7);
    List<String> command = new ArrayList<>(tailCommand);
    command.addAll(List.of("tail", "--data", data.toString(), "--timezone", "UTC", log.toString()));
    int kills = 0;
    while (writing.isAlive()) {
      Path output = work.resolve("tail-" + kills + ".out");
      Process tailer = start(command, output);
      awaitReady(tailer, output); // a kill during JVM start-up tests nothing and starves the tailer on a busy box
      long killAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(random.nextInt(killMin, killMax + 1));
      while (writing.isAlive() && System.nanoTime() < killAt) {
        Thread.sleep(100);
      }
      if (writing.isAlive()) {
        tailer.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
        tailer.waitFor();
        kills++;
        say("kill -9 #%d at %d lines written", kills, writer.written.get());
      } else {
        tailer.destroy(); // the writer is done: this one is stopped by catchUp
        tailer.waitFor();
      }
    }
    writing.join();
    say("writer: %d lines in %.1f s (%.0f lines/s), %d rename+create, %d copytruncate, %d gzipped",
        writer.written.get(), writeSeconds[0], writer.written.get() / writeSeconds[0], writer.renames,
        writer.copytruncates, writer.gzips);

    long catchUpStart = System.nanoTime();
    Process last = start(command, work.resolve("tail-last.out"));
    long count = catchUp(data, expectedEvents.length);
    last.destroy(); // SIGTERM: commits, then exits
    last.waitFor();
    say("last tailer: caught up to %d events in %.1f s after the writer stopped", count,
        (System.nanoTime() - catchUpStart) / 1e9);

    long[] lostAndDuplicated;
    SoakCheck.Verdicts verdicts;
    try (DirectoryReader reader = SoakCheck.open(data.resolve("index"))) {
      lostAndDuplicated = SoakCheck.compare(expectedEvents, SoakCheck.indexedEvents(reader));
      verdicts = SoakCheck.verdicts(corpus.resolve("expected.tsv"), reader);
    }
    verdicts.examples().forEach(example -> say("  %s", example));
    say("RESULT lines written %d | restarts after kill -9 %d | rotations %d (%d rename+create, %d copytruncate,"
            + " %d gzipped) | events expected %d, lost %d, duplicated %d | verdicts expected %d, matched %d,"
            + " missing %d, unexpected %d",
        writer.written.get(), kills, writer.renames + writer.copytruncates, writer.renames, writer.copytruncates,
        writer.gzips, expectedEvents.length, lostAndDuplicated[0], lostAndDuplicated[1], verdicts.expected(),
        verdicts.matched(), verdicts.missing(), verdicts.unexpected());
    boolean clean = lostAndDuplicated[0] == 0 && lostAndDuplicated[1] == 0 && verdicts.missing() == 0
        && verdicts.unexpected() == 0;
    say(clean ? "PASS" : "FAIL");
    System.exit(clean ? 0 : 1);
  }

  private static Process start(List<String> command, Path output) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
  }

  /** Waits until the tailer says it is following (it has opened the data folder). */
  private static void awaitReady(Process tailer, Path output) throws IOException, InterruptedException {
    while (tailer.isAlive()) {
      if (Files.exists(output) && Files.readString(output).contains("following")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the tailer ended before it was ready: " + Files.readString(output));
  }

  /** How long the last tailer may catch up after the writer stopped (one slower than the stream never would). */
  private static final long CATCH_UP_NANOS = TimeUnit.MINUTES.toNanos(3);

  /**
   * Waits until the index holds the expected number of events, stops growing for two minutes, or {@link
   * #CATCH_UP_NANOS} passed (what is not indexed then counts as lost: the report says how far behind it was).
   */
  private static long catchUp(Path data, long expected) throws IOException, InterruptedException {
    long count = -1;
    long started = System.nanoTime();
    long lastGrowth = started;
    while (System.nanoTime() - lastGrowth < TimeUnit.MINUTES.toNanos(2)
        && System.nanoTime() - started < CATCH_UP_NANOS) {
      long now = eventCount(data);
      if (now != count) {
        count = now;
        lastGrowth = System.nanoTime();
      }
      if (count >= expected) {
        Thread.sleep(6000); // a detached file's grace: anything extra would show up now
        return eventCount(data);
      }
      Thread.sleep(1000);
    }
    return count;
  }

  private static long eventCount(Path data) throws IOException {
    if (!Files.exists(data.resolve("index/write.lock"))) {
      return 0;
    }
    try (DirectoryReader reader = SoakCheck.open(data.resolve("index"))) {
      return reader.numDocs();
    } catch (org.apache.lucene.index.IndexNotFoundException notYet) {
      return 0;
    }
  }

  private static void say(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[soak %tT] " + format + "%n", prepend(System.currentTimeMillis(), args));
    System.out.flush();
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
