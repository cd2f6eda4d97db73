package org.smtptrail.store.opensearch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A Postfix log of any size for the store's load and fault tests, deterministic for a seed: messages with one to four
 * recipients, mostly delivered, some greylisted then delivered later, bounced, deferred for good, NOQUEUE rejects and
 * other daemons' noise, the retries interleaved with later messages. A smaller cousin of the benchmarks' PostfixCorpus
 * (a test cannot depend on the benchmarks module); it writes no expected verdicts, the tests compare with the local
 * store instead.
 */
final class GeneratedPostfixLog {
  private static final DateTimeFormatter CLASSIC = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
  private static final String[] DOMAINS = {"example.net", "mail.example.org", "example.com", "corp.example.net"};

  private final SplittableRandom random;
  private final Deque<List<String>> pendingRetries = new ArrayDeque<>();
  private LocalDateTime clock = LocalDateTime.of(2026, 11, 23, 0, 0, 0);
  private long queueIds = 0x1F2E3D4C5BL;
  private int messages;
  private long lines;
  private BufferedWriter out;

  private GeneratedPostfixLog(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Writes at least {@code targetLines} lines to {@code file}; returns how many were written. */
  static long write(Path file, long seed, long targetLines) throws IOException {
    GeneratedPostfixLog log = new GeneratedPostfixLog(seed);
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      log.out = writer;
      while (log.lines < targetLines) {
        log.step();
      }
      while (!log.pendingRetries.isEmpty()) {
        log.emitAll(log.pendingRetries.poll());
      }
    }
    return log.lines;
  }

  private void step() throws IOException {
    clock = clock.plusNanos(random.nextLong(1, 40_000_000));
    int kind = random.nextInt(100);
    if (kind < 3) {
      reject();
    } else if (kind < 8) {
      noise();
    } else {
      message();
    }
    if (!pendingRetries.isEmpty() && random.nextInt(8) == 0) {
      emitAll(pendingRetries.poll());
    }
  }

  private void message() throws IOException {
    String qid = String.format(Locale.ROOT, "%010X", queueIds += 0x9E3779B1L & 0xFFFFFF);
    int n = ++messages;
    int clientPid = 1000 + random.nextInt(9000);
    String client = "client" + random.nextInt(500) + ".example.org[198.51.100." + random.nextInt(1, 255) + "]";
    int recipients = random.nextInt(10) < 7 ? 1 : random.nextInt(2, 5);
    emit(prefix("smtpd", clientPid) + "connect from " + client);
    emit(prefix("smtpd", clientPid) + qid + ": client=" + client);
    emit(prefix("cleanup", 2000 + random.nextInt(100)) + qid + ": message-id=<" + n + ".corpus@example.com>");
    String queued = prefix("qmgr", 900) + qid + ": from=<sender" + random.nextInt(2000) + "@example.com>, size="
        + random.nextInt(800, 90_000) + ", nrcpt=" + recipients + " (queue active)";
    emit(queued);
    emit(prefix("smtpd", clientPid) + "disconnect from " + client + " ehlo=1 mail=1 rcpt=" + recipients
        + " data=1 quit=1 commands=" + (4 + recipients));
    boolean stillQueued = false;
    List<String> retry = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (int r = 0; r < recipients; r++) {
      String domain;
      String recipient;
      do { // Postfix's cleanup drops a recipient named twice in one message
        domain = DOMAINS[random.nextInt(DOMAINS.length)];
        recipient = "user" + random.nextInt(100_000) + "@" + domain;
      } while (!named.add(recipient));
      String relay = "mx" + random.nextInt(3) + "." + domain + "[203.0.113." + random.nextInt(1, 255) + "]:25";
      String host = relay.replace(":25", "");
      int outcome = random.nextInt(100);
      if (outcome < 85) {
        emit(delivery(qid, recipient, relay, "2.0.0", "sent", "250 2.0.0 Ok: queued as " + remoteId()));
      } else if (outcome < 91) {
        emit(delivery(qid, recipient, relay, "4.7.1", "deferred", "host " + host + " said: 451 4.7.1 <" + recipient
            + ">: Recipient address rejected: Greylisted, please try again (in reply to RCPT TO command)"));
        retry.add(queued);
        retry.add(delivery(qid, recipient, relay, "2.0.0", "sent", "250 2.0.0 Ok: queued as " + remoteId()));
      } else if (outcome < 95) {
        emit(delivery(qid, recipient, relay, "5.1.1", "bounced", "host " + host + " said: 550 5.1.1 <" + recipient
            + ">: Recipient address rejected: User unknown (in reply to RCPT TO command)"));
      } else if (outcome < 97) {
        emit(delivery(qid, recipient, relay, "5.2.2", "bounced", "host " + host + " said: 552 5.2.2 <" + recipient
            + ">: Mailbox full (in reply to RCPT TO command)"));
      } else {
        String refused = "connect to " + relay + ": Connection refused";
        emit(prefix("smtp", 3000) + qid + ": to=<" + recipient + ">, relay=none, delay=0.1,"
            + " delays=0.01/0/0.09/0, dsn=4.4.1, status=deferred (" + refused + ")");
        retry.add(queued);
        retry.add(prefix("smtp", 3001) + qid + ": to=<" + recipient + ">, relay=none, delay=300,"
            + " delays=300/0/0.09/0, dsn=4.4.1, status=deferred (" + refused + ")");
        stillQueued = true;
      }
    }
    if (!stillQueued) { // removal comes after the last retry, if there is one
      if (retry.isEmpty()) {
        emit(prefix("qmgr", 900) + qid + ": removed");
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

  private void reject() throws IOException {
    String recipient = "nobody" + random.nextInt(1000) + "@example.com";
    String client = "unknown[192.0.2." + random.nextInt(1, 255) + "]";
    emit(prefix("smtpd", 4000) + "connect from " + client);
    emit(prefix("smtpd", 4000) + "NOQUEUE: reject: RCPT from " + client + ": 554 5.7.1 <" + recipient
        + ">: Relay access denied; from=<spam@example.org> to=<" + recipient + "> proto=ESMTP helo=<x.example.org>");
    emit(prefix("smtpd", 4000) + "disconnect from " + client + " ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4");
  }

  private void noise() throws IOException {
    switch (random.nextInt(3)) {
      case 0 -> emit(stamp() + " mx1 dovecot: imap-login: Login: user=<user" + random.nextInt(5000)
          + "@example.com>, method=PLAIN, rip=198.51.100." + random.nextInt(1, 255) + ", lip=192.0.2.1, TLS");
      case 1 -> emit(prefix("anvil", 500) + "statistics: max connection rate 3/60s for (smtp:198.51.100."
          + random.nextInt(1, 255) + ") at " + stamp());
      default -> emit(prefix("smtpd", 4100) + "warning: hostname client.example.org does not resolve to"
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

  private void emitAll(List<String> batch) throws IOException {
    for (String line : batch) {
      emit(line);
    }
  }

  private void emit(String line) throws IOException {
    out.write(line);
    out.write('\n');
    lines++;
  }
}
