package org.smtptrail.format.axigen;

import java.util.List;
import java.util.Locale;
import org.smtptrail.core.event.DeliveryStatus;

/**
 * The state a PROCESSING line gives a recipient ("Set recipient &lt;r&gt; state to WORD"), read tolerantly. VERIFIED
 * words (format note E.5): {@code RECEIVED}, {@code PROCESSING}, {@code PROCESSED - LOCAL}, {@code SENT}. The words for
 * a recipient that will be retried or has failed for good were never seen: {@code DEFERRED} and {@code FAILED} are the
 * note's placeholders (INFERRED). So each outcome is recognised by a family of spellings rather than one word, with
 * anything after the word (": 451 4.7.1 ...", " (reason)") kept as the reason; a word of no family decides nothing
 * and stays evidence.
 *
 * @param kind    what the word says about the recipient
 * @param written the state text as logged, stripped ("DEFERRED (451 4.7.1 greylisted)")
 * @param word    the word alone, as logged ("DEFERRED"); the whole text for words of no family
 * @param reason  the text after the word, without separators and brackets; null when there is none
 */
record StateWord(Kind kind, String written, String word, String reason) {
  /** What a state word says. */
  enum Kind {
    /** RECEIVED, PROCESSING (VERIFIED): the message is being taken in and filtered. */
    INTAKE,
    /** PROCESSED - LOCAL (VERIFIED): the recipient is one of this server's mailboxes. */
    LOCAL_ROUTE,
    /** SENT (VERIFIED): the recipient left the queue, delivered. */
    SENT,
    /** A try failed and will be repeated (INFERRED words). */
    TEMPORARY,
    /** The recipient failed for good (INFERRED words). */
    PERMANENT,
    /** A word of no family: evidence only. */
    OTHER
  }

  /** Temporary-failure spellings, longest first within a stem; tried before the permanent ones. */
  private static final List<String> TEMPORARY_WORDS = List.of("DEFERRED", "DEFERRING", "DEFER", "DELAYED",
      "RETRYING", "RETRY", "RESCHEDULED", "REQUEUED", "TEMPFAIL", "TEMPORARY FAILURE", "TEMPORARY ERROR",
      "TEMPORARILY FAILED", "TRANSIENT FAILURE");
  /** Permanent-failure spellings. */
  private static final List<String> PERMANENT_WORDS = List.of("FAILED", "FAILURE", "FAIL", "BOUNCED", "BOUNCE",
      "PERMFAIL", "PERMANENT FAILURE", "PERMANENT ERROR", "PERMANENTLY FAILED", "UNDELIVERABLE", "UNDELIVERED");

  /** The state of "state to {@code text}". */
  static StateWord of(String text) {
    String written = text.strip();
    String upper = written.toUpperCase(Locale.ROOT);
    String compact = upper.replace(" ", "");
    if (compact.equals("RECEIVED") || compact.equals("PROCESSING")) {
      return new StateWord(Kind.INTAKE, written, written, null);
    }
    if (compact.equals("PROCESSED-LOCAL")) {
      return new StateWord(Kind.LOCAL_ROUTE, written, written, null);
    }
    for (Kind kind : List.of(Kind.SENT, Kind.TEMPORARY, Kind.PERMANENT)) {
      int end = wordEnd(upper, kind == Kind.SENT ? List.of("SENT") : kind == Kind.TEMPORARY ? TEMPORARY_WORDS
          : PERMANENT_WORDS);
      if (end > 0) {
        return new StateWord(kind, written, written.substring(0, end), reason(written, end));
      }
    }
    return new StateWord(Kind.OTHER, written, written, null);
  }

  /**
   * True when a word that says where a recipient stands (SENT, PROCESSED, or a spelling of a temporary or a permanent
   * failure) stands in {@code text} from {@code from} on, as a whole word ("Delivery FAILED for ...", but not
   * "PRESENTED"). The intake words (RECEIVED, PROCESSING) decide nothing and do not count.
   */
  static boolean isNamedIn(String text, int from) {
    String upper = text.substring(from).toUpperCase(Locale.ROOT);
    for (List<String> words : List.of(List.of("SENT", "PROCESSED"), TEMPORARY_WORDS, PERMANENT_WORDS)) {
      for (String word : words) {
        for (int at = upper.indexOf(word); at >= 0; at = upper.indexOf(word, at + 1)) {
          int end = at + word.length();
          if ((at == 0 || !Character.isLetterOrDigit(upper.charAt(at - 1)))
              && (end == upper.length() || !Character.isLetterOrDigit(upper.charAt(end)))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** True for the words that end a delivery attempt: SENT, a temporary or a permanent failure. */
  boolean endsAnAttempt() {
    return kind == Kind.SENT || kind == Kind.TEMPORARY || kind == Kind.PERMANENT;
  }

  /** The attempt's outcome for a word that ends one; null otherwise. */
  DeliveryStatus status() {
    return switch (kind) {
      case SENT -> DeliveryStatus.SENT;
      case TEMPORARY -> DeliveryStatus.DEFERRED;
      case PERMANENT -> DeliveryStatus.BOUNCED;
      default -> null;
    };
  }

  /** The end of the first listed word that starts {@code upper} as a whole word; -1 when none does. */
  private static int wordEnd(String upper, List<String> words) {
    for (String word : words) {
      if (upper.startsWith(word)
          && (upper.length() == word.length() || !Character.isLetterOrDigit(upper.charAt(word.length())))) {
        return word.length();
      }
    }
    return -1;
  }

  /** What follows the word: separators (":", "-", ",", ";", "(", "[") and a closing bracket removed; or null. */
  private static String reason(String written, int from) {
    int start = from;
    while (start < written.length() && " :;,-([".indexOf(written.charAt(start)) >= 0) {
      start++;
    }
    int end = written.length();
    if (end > start && (written.charAt(end - 1) == ')' || written.charAt(end - 1) == ']')
        && start > from && "([".indexOf(written.charAt(start - 1)) >= 0) {
      end--;
    }
    String reason = written.substring(start, end).strip();
    return reason.isEmpty() ? null : reason;
  }
}
