package org.smtptrail.engine.store;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.smtptrail.core.MailAddresses;

/**
 * An address as a user types it in {@code --to} or {@code --from}: exact ("john@example.net"), a domain
 * ("@example.net", every address at exactly that domain) or a pattern with the two documented wildcards, {@code *}
 * (any characters, none included) and {@code ?} (one character). Everything else is literal: the text never reaches a
 * query parser, so {@code a* OR *:*} is the pattern "a* or *:*", which no address matches.
 *
 * <p>Whatever is typed, a pattern costs a bounded amount (issue 23: 20,000 stars took 5.9 GB and then an
 * OutOfMemoryError in Lucene's automaton). A run of wildcards is merged into the one it means ({@code **} is
 * {@code *}, {@code *?*} is {@code ?*}: the {@code ?}s of the run, then one {@code *} if it had any); then a pattern
 * is refused ({@link QueryRefusedException}, one line saying why) when an address it matches would need more than
 * {@value #MAX_LENGTH} characters (an address has no more), when it has more than {@value #MAX_STARS} stars, or when
 * Lucene cannot build its automaton within {@value #DETERMINIZE_WORK_LIMIT} units of work ({@code *a???...?}: each
 * {@code ?} after a star doubles the automaton).
 */
public final class AddressPattern {
  /** The longest address there is: RFC 5321's path of 256 octets, less its angle brackets. */
  public static final int MAX_LENGTH = 254;
  /** Stars in one pattern, runs merged; more says nothing a support question needs ({@code *a*b*@*.example.*}). */
  public static final int MAX_STARS = 16;
  /**
   * The work Lucene may spend making a pattern's automaton deterministic. What people type needs far less:
   * {@code *@example.net} 3, {@code *smith*@*example*} 16, eight stars between literals 126, a VERP address
   * {@code bounce-*-????????@lists.example.org} 566 (each {@code ?} after a {@code *} doubles it). A refusal at this
   * limit costs 10 to 30 ms on the 2-core machine; at Lucene's default, 10,000, up to 0.4 s.
   */
  public static final int DETERMINIZE_WORK_LIMIT = 2000;

  private final String text;
  private final boolean wildcard;
  /** Set when the pattern is "*@domain": the domain term answers it without scanning every address. */
  private final String wholeDomain;

  private AddressPattern(String text) {
    this.text = text;
    this.wildcard = text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    String afterStar = text.startsWith("*@") ? text.substring(2) : null;
    this.wholeDomain = afterStar != null && !afterStar.isEmpty() && afterStar.indexOf('*') < 0
        && afterStar.indexOf('?') < 0 && afterStar.indexOf('@') < 0 ? afterStar : null;
  }

  /**
   * The pattern of what the user typed (normalized as addresses are); "@domain" means "*@domain". Reads the text
   * once; the automaton is not built here (rows are matched without it), see {@link #check}.
   *
   * @throws QueryRefusedException when it is longer than any address or has more than {@value #MAX_STARS} stars
   */
  public static AddressPattern of(String typed) {
    String normalized = MailAddresses.normalize(typed);
    String merged = mergeWildcardRuns(normalized.startsWith("@") ? "*" + normalized : normalized);
    int stars = 0;
    for (int i = 0; i < merged.length(); i++) {
      stars += merged.charAt(i) == '*' ? 1 : 0;
    }
    int needed = merged.length() - stars;
    if (needed > MAX_LENGTH) {
      boolean exact = stars == 0 && merged.indexOf('?') < 0;
      throw new QueryRefusedException((exact ? "this address has " : "this pattern needs at least ") + needed
          + " characters, more than any address has (at most " + MAX_LENGTH + "): it would match nothing");
    }
    if (stars > MAX_STARS) {
      throw new QueryRefusedException("at most " + MAX_STARS + " '*' in a pattern, this one has " + stars
          + " (runs such as '**' count once); one '*' already matches any run of characters");
    }
    return new AddressPattern(merged);
  }

  /**
   * Refuses now what a store would refuse while searching: a pattern whose automaton Lucene cannot build
   * within the work limit. For a filter as the query is made (once), not for every row.
   *
   * @throws QueryRefusedException as {@link #of}, or when the pattern is too complex
   */
  public static void check(String typed) {
    AddressPattern pattern = of(typed);
    if (pattern.wildcard) {
      pattern.buildAutomaton();
    }
  }

  /** The text with every run of wildcards written the one way it matches: its '?'s, then a '*' if it had any. */
  static String mergeWildcardRuns(String text) {
    StringBuilder merged = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '*' && c != '?') {
        merged.append(c);
        i++;
        continue;
      }
      boolean star = false;
      for (; i < text.length() && (text.charAt(i) == '*' || text.charAt(i) == '?'); i++) {
        if (text.charAt(i) == '?') {
          merged.append('?');
        } else {
          star = true;
        }
      }
      if (star) {
        merged.append('*');
      }
    }
    return merged.toString();
  }

  /**
   * The pattern as a store searches it: the typed text normalized, runs of wildcards merged; {@code *} and {@code ?}
   * are its only special characters (a store escapes everything else it treats as special).
   */
  public String text() {
    return text;
  }

  /** Whether the pattern has a wildcard. */
  public boolean isWildcard() {
    return wildcard;
  }

  /**
   * The domain of a pattern "*@domain" (every address at exactly that domain), which a store answers from its
   * domain terms without scanning every address; null for any other pattern.
   */
  public String wholeDomain() {
    return wholeDomain;
  }

  /**
   * Builds Lucene's wildcard automaton of the pattern within the work limit. The limit is the contract's, whatever
   * the store: OpenSearch's own default is five times higher, so a pattern that passes here passes there.
   */
  private void buildAutomaton() {
    try {
      // WildcardQuery's only other special character is the escape; make it literal too
      new WildcardQuery(new Term("check", text.replace("\\", "\\\\")), DETERMINIZE_WORK_LIMIT);
    } catch (TooComplexToDeterminizeException e) {
      throw tooComplex();
    }
  }

  /** The refusal of a pattern whose automaton cannot be built within {@value #DETERMINIZE_WORK_LIMIT} units. */
  public QueryRefusedException tooComplex() {
    return new QueryRefusedException("this pattern is too complex to search: Lucene gives up building its"
        + " automaton after " + DETERMINIZE_WORK_LIMIT + " units of work (a '?' after a '*' doubles them); use"
        + " fewer wildcards, e.g. '*@example.net' or 'j?hn@*'");
  }

  /** The one address this pattern matches, normalized; null for a domain or a pattern with wildcards. */
  public String exactAddress() {
    return wildcard ? null : text;
  }

  /** Whether this is one whole address, typed without wildcards (not a domain, not a pattern). */
  public boolean isExact() {
    return !wildcard;
  }

  /** Whether an address (as logged) fits the pattern. */
  public boolean matches(String address) {
    String candidate = MailAddresses.normalize(address);
    if (candidate == null) {
      return false;
    }
    return wildcard ? glob(text, candidate) : text.equals(candidate);
  }

  /**
   * Wildcard match without regular expressions: on a mismatch, the last '*' takes one more character. At most
   * pattern length x value length steps (each restart moves the last star's start one character on), so with the
   * limits of {@link #of} at most about 270 steps per character of the value.
   */
  static boolean glob(String pattern, String value) {
    int p = 0;
    int v = 0;
    int star = -1;
    int starValue = 0;
    while (v < value.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
        p++;
        v++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        starValue = v;
      } else if (star >= 0) {
        p = star + 1;
        v = ++starValue;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
