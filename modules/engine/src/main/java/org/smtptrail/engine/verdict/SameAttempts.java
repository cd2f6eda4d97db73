package org.smtptrail.engine.verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.smtptrail.core.event.DeliveryAttempt;
import org.smtptrail.core.event.EventHeader;

/**
 * Merges the reports of one delivery attempt that several logs of a server write, and drops a line repeated word
 * for word. Xeams, for one, writes every
 * attempt into its SMTP dialogue (SMTPOutboundConversation.log) and into an audit trail
 * (OutboundAuditTrailSuccess/Failure.log): one attempt, two lines, and each must be able to decide alone, because
 * either file may be missing.
 *
 * <p>Two attempts of one recipient are the same when they have the same local id and outcome, come from different
 * programs and different files, and lie within {@value #WINDOW_SECONDS} seconds of each other. A server that keeps
 * its id across retries (Postfix's queue id) writes every retry with the same program into the same log, and retries
 * minutes apart, so its attempts are never merged. The report with an SMTP reply code stands for the attempt (the
 * dialogue knows what the remote server said; the audit line may only know that it failed); a relay or explanation
 * only the other report has is kept.
 */
final class SameAttempts {
  static final long WINDOW_SECONDS = 60;

  private SameAttempts() {}

  /** The attempts, in the given (chronological) order, with the reports of one attempt merged into one. */
  static List<DeliveryAttempt> merge(List<DeliveryAttempt> attempts) {
    List<DeliveryAttempt> merged = new ArrayList<>(attempts.size());
    List<List<String>> programs = new ArrayList<>(attempts.size());
    outer:
    for (DeliveryAttempt attempt : attempts) {
      for (int i = merged.size() - 1; i >= 0; i--) {
        if (repeated(merged.get(i), attempt)) {
          continue outer;
        }
        if (sameAttempt(merged.get(i), programs.get(i), attempt)) {
          merged.set(i, better(merged.get(i), attempt));
          programs.get(i).add(attempt.header().program());
          continue outer;
        }
      }
      merged.add(attempt);
      programs.add(new ArrayList<>(List.of(Objects.requireNonNullElse(attempt.header().program(), ""))));
    }
    return merged;
  }

  /**
   * The same line written twice (a syslog relay that repeats itself, a log concatenated into itself): same text, same
   * time. No server reports two attempts of one recipient with one identical line, so it is one attempt.
   */
  private static boolean repeated(DeliveryAttempt kept, DeliveryAttempt other) {
    return kept.header().source().text().equals(other.header().source().text())
        && Objects.equals(kept.header().time(), other.header().time());
  }

  private static boolean sameAttempt(DeliveryAttempt kept, List<String> keptPrograms, DeliveryAttempt other) {
    EventHeader a = kept.header();
    EventHeader b = other.header();
    return kept.status() == other.status()
        && a.localId() != null && a.localId().equals(b.localId())
        && b.program() != null && !keptPrograms.contains(b.program())
        && !a.source().file().equals(b.source().file())
        && a.time() != null && b.time() != null
        && Duration.between(a.time(), b.time()).abs().getSeconds() <= WINDOW_SECONDS;
  }

  /** The report with a reply code (else a reply, else the earlier), completed with what only the other one has. */
  private static DeliveryAttempt better(DeliveryAttempt first, DeliveryAttempt second) {
    DeliveryAttempt main = rank(second) > rank(first) ? second : first;
    DeliveryAttempt other = main == first ? second : first;
    return new DeliveryAttempt(main.header(), main.recipient(),
        main.originalRecipient() != null ? main.originalRecipient() : other.originalRecipient(),
        main.status(), main.local(),
        main.relay() != null ? main.relay() : other.relay(),
        main.reply() != null ? main.reply() : other.reply(),
        main.detail() != null ? main.detail() : other.detail(),
        main.delaySeconds() >= 0 ? main.delaySeconds() : other.delaySeconds());
  }

  private static int rank(DeliveryAttempt attempt) {
    if (attempt.reply() == null) {
      return 0;
    }
    return attempt.reply().code() != 0 ? 2 : 1;
  }
}
