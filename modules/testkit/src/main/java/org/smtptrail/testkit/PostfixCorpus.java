package org.smtptrail.testkit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a realistic Postfix log of any size, with the expected verdict of every (message, recipient): messages with
 * one to four recipients, mostly delivered, some greylisted then delivered, bounced (unknown user, mailbox full),
 * deferred for good (connection refused), NOQUEUE rejects, and other daemons' noise. Retries appear later in the log,
 * interleaved with other messages, as in a real one. Deterministic for a seed. The benchmarks and the tests that need
 * a log of a million lines (the OpenSearch store's fault test) share it.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.smtptrail.testkit.PostfixCorpus OUT_DIR LINES}
 * writes {@code OUT_DIR/mail.log} and {@code OUT_DIR/expected.tsv} (message-id, recipient, verdict).
 */
public final class PostfixCorpus {
  private static final DateTimeFormatter CLASSIC = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
  private static final String[] DOMAINS = {"example.net", "mail.example.org", "example.com", "corp.example.net"};

  private final SplittableRandom random;
  private final Deque<List<String>> pendingRetries = new ArrayDeque<>();
  private LocalDateTime clock = LocalDateTime.of(2026, 11, 23, 0, 0, 0);
  private long queueIds = 0x1F2E3D4C5BL;
  private int messages;
  private long lines;

  public PostfixCorpus(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    long targetLines = Long.parseLong(args[1]);
    Files.createDirectories(out);
    try (Writer log = Files.newBufferedWriter(out.resolve("mail.log"), StandardCharsets.UTF_8);
        Writer expected = Files.newBufferedWriter(out.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
      long written = new PostfixCorpus(20261123).write(log, expected, targetLines);
      System.out.printf("wrote %d lines to %s%n", written, out.resolve("mail.log"));
    }
  }

  /** Writes at least {@code targetLines} lines; returns how many were written. */
  public long write(Writer log, Writer expected, long targetLines) throws IOException {
    BufferedWriter out = log instanceof BufferedWriter b ? b : new BufferedWriter(log, 1 << 16);
    while (lines < targetLines) {
      step(out, expected);
    }
    while (!pendingRetries.isEmpty()) {
      for (String line : pendingRetries.poll()) {
        emit(out, line);
      }
    }
    out.flush();
    return lines;
  }

  /**
   * A log that goes on as long as it is read, generated as it is read: a live benchmark that wrote a fixed corpus
   * over and over would repeat its queue ids, and every message of the second pass would then be one the index
   * already holds (its events read back, its rows growing with each pass), which a real server's log never does.
   */
  public static Iterator<String> endless(long seed) {
    PostfixCorpus corpus = new PostfixCorpus(seed);
    StringWriter generated = new StringWriter();
    BufferedWriter out = new BufferedWriter(generated);
    Deque<String> ready = new ArrayDeque<>();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public String next() {
        try {
          while (ready.isEmpty()) {
            corpus.step(out, Writer.nullWriter());
            out.flush();
            generated.toString().lines().forEach(ready::add);
            generated.getBuffer().setLength(0);
          }
        } catch (IOException impossible) {
          throw new IllegalStateException(impossible);
        }
        return ready.poll();
      }
    };
  }

  /** One message, reject or line of noise, and now and then the retries of an earlier message. */
  private void step(BufferedWriter out, Writer expected) throws IOException {
    clock = clock.plusNanos(random.nextLong(1, 40_000_000));
    int kind = random.nextInt(100);
    if (kind < 3) {
      reject(out, expected);
    } else if (kind < 8) {
      noise(out);
    } else {
      message(out, expected);
    }
    if (!pendingRetries.isEmpty() && random.nextInt(8) == 0) {
      for (String line : pendingRetries.poll()) {
        emit(out, line);
      }
    }
  }

  /** The lines of a corpus of about this many lines, in memory (for benchmarks). */
  public static List<String> lines(long seed, int targetLines) {
    StringWriter log = new StringWriter();
    try {
      new PostfixCorpus(seed).write(log, Writer.nullWriter(), targetLines);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    return log.toString().lines().toList();
  }

  private void message(BufferedWriter out, Writer expected) throws IOException {
    String qid = String.format("%010X", queueIds += 0x9E3779B1L & 0xFFFFFF);
    int n = ++messages;
    String messageId = "<" + n + ".corpus@example.com>";
    int clientPid = 1000 + random.nextInt(9000);
    String client = "client" + random.nextInt(500) + ".example.org[198.51.100." + random.nextInt(1, 255) + "]";
    int recipients = random.nextInt(10) < 7 ? 1 : random.nextInt(2, 5);
    emit(out, prefix("smtpd", clientPid) + "connect from " + client);
    emit(out, prefix("smtpd", clientPid) + qid + ": client=" + client);
    emit(out, prefix("cleanup", 2000 + random.nextInt(100)) + qid + ": message-id=" + messageId);
    String queued = prefix("qmgr", 900) + qid + ": from=<sender" + random.nextInt(2000) + "@example.com>, size="
        + random.nextInt(800, 90_000) + ", nrcpt=" + recipients + " (queue active)";
    emit(out, queued);
    emit(out, prefix("smtpd", clientPid) + "disconnect from " + client + " ehlo=1 mail=1 rcpt=" + recipients
        + " data=1 quit=1 commands=" + (4 + recipients));
    boolean stillQueued = false;
    List<String> retry = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (int r = 0; r < recipients; r++) {
      String domain;
      String recipient;
      do { // Postfix's cleanup drops a recipient named twice in one message: draw another
        domain = DOMAINS[random.nextInt(DOMAINS.length)];
        recipient = "user" + random.nextInt(100_000) + "@" + domain;
      } while (!named.add(recipient));
      String relay = "mx" + random.nextInt(3) + "." + domain + "[203.0.113." + random.nextInt(1, 255) + "]:25";
      int outcome = random.nextInt(100);
      String verdict;
      if (outcome < 85) {
        emit(out, delivery(qid, recipient, relay, "2.0.0", "sent", "250 2.0.0 Ok: queued as " + remoteId()));
        verdict = "HANDED_OVER";
      } else if (outcome < 91) {
        emit(out, delivery(qid, recipient, relay, "4.7.1", "deferred", "host " + relay.replace(":25", "")
            + " said: 451 4.7.1 <" + recipient + ">: Recipient address rejected: Greylisted, please try again"
            + " (in reply to RCPT TO command)"));
        retry.add(queued);
        retry.add(delivery(qid, recipient, relay, "2.0.0", "sent", "250 2.0.0 Ok: queued as " + remoteId()));
        verdict = "HANDED_OVER";
      } else if (outcome < 95) {
        emit(out, delivery(qid, recipient, relay, "5.1.1", "bounced", "host " + relay.replace(":25", "")
            + " said: 550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown (in reply to RCPT TO"
            + " command)"));
        verdict = "BOUNCED";
      } else if (outcome < 97) {
        emit(out, delivery(qid, recipient, relay, "5.2.2", "bounced", "host " + relay.replace(":25", "")
            + " said: 552 5.2.2 <" + recipient + ">: Mailbox full (in reply to RCPT TO command)"));
        verdict = "BOUNCED";
      } else {
        String refused = "connect to " + relay + ": Connection refused";
        emit(out, prefix("smtp", 3000) + qid + ": to=<" + recipient + ">, relay=none, delay=0.1,"
            + " delays=0.01/0/0.09/0, dsn=4.4.1, status=deferred (" + refused + ")");
        retry.add(queued);
        retry.add(prefix("smtp", 3001) + qid + ": to=<" + recipient + ">, relay=none, delay=300,"
            + " delays=300/0/0.09/0, dsn=4.4.1, status=deferred (" + refused + ")");
        stillQueued = true;
        verdict = "DEFERRED";
      }
      expected.write(messageId + "\t" + recipient + "\t" + verdict + "\n");
    }
    if (!stillQueued) {
      // removal comes after the last retry, if there is one
      if (retry.isEmpty()) {
        emit(out, prefix("qmgr", 900) + qid + ": removed");
      } else {
        retry.add(prefix("qmgr", 900) + qid + ": removed");
      }
    }
    if (!retry.isEmpty()) {
      pendingRetries.add(retry);
    }
  }

  private String delivery(String qid, String recipient, String relay, String dsn, String status, String text) {
    return prefix("smtp", 3000 + random.nextInt(50)) + qid + ": to=<" + recipient + ">, relay=" + relay
        + ", delay=" + random.nextInt(1, 30) / 10.0 + ", delays=0.01/0.01/0.05/0.02, dsn=" + dsn + ", status="
        + status + " (" + text + ")";
  }

  private void reject(BufferedWriter out, Writer expected) throws IOException {
    String recipient = "nobody" + random.nextInt(1000) + "@example.com";
    String client = "unknown[192.0.2." + random.nextInt(1, 255) + "]";
    emit(out, prefix("smtpd", 4000) + "connect from " + client);
    emit(out, prefix("smtpd", 4000) + "NOQUEUE: reject: RCPT from " + client + ": 554 5.7.1 <" + recipient
        + ">: Relay access denied; from=<spam@example.org> to=<" + recipient + "> proto=ESMTP helo=<x.example.org>");
    emit(out, prefix("smtpd", 4000) + "disconnect from " + client + " ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4");
    expected.write("-\t" + recipient + "\tREJECTED\n");
  }

  private void noise(BufferedWriter out) throws IOException {
    switch (random.nextInt(3)) {
      case 0 -> emit(out, stamp() + " mx1 dovecot: imap-login: Login: user=<user" + random.nextInt(5000)
          + "@example.com>, method=PLAIN, rip=198.51.100." + random.nextInt(1, 255) + ", lip=192.0.2.1, TLS");
      case 1 -> emit(out, prefix("anvil", 500) + "statistics: max connection rate 3/60s for (smtp:198.51.100."
          + random.nextInt(1, 255) + ") at " + stamp());
      default -> emit(out, prefix("smtpd", 4100) + "warning: hostname client.example.org does not resolve to"
          + " address 198.51.100." + random.nextInt(1, 255));
    }
  }

  private String remoteId() {
    return Long.toString(random.nextLong(1L << 40, 1L << 44), 36).toUpperCase(Locale.ROOT);
  }

  private String prefix(String daemon, int pid) {
    return stamp() + " mx1 postfix/" + daemon + "[" + pid + "]: ";
  }

  private String stamp() {
    return CLASSIC.format(clock);
  }

  private void emit(BufferedWriter out, String line) throws IOException {
    out.write(line);
    out.write('\n');
    lines++;
  }
}
