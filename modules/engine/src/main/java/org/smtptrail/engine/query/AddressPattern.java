package org.smtptrail.engine.query;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.smtptrail.core.MailAddresses;

/**
 * An address as a user types it in {@code --to} or {@code --from}: exact ("john@example.net"), a domain
 * ("@example.net", every address at exactly that domain) or a pattern with the two documented wildcards, {@code *}
 * (any characters, none included) and {@code ?} (one character). Everything else is literal: the text never reaches a
 * query parser, so {@code a* OR *:*} is the pattern "a* or *:*", which no address matches.
 */
public final class AddressPattern {
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

  /** The pattern of what the user typed (normalized as addresses are); "@domain" means "*@domain". */
  public static AddressPattern of(String typed) {
    String normalized = MailAddresses.normalize(typed);
    return new AddressPattern(normalized.startsWith("@") ? "*" + normalized : normalized);
  }

  /**
   * The index query for this pattern on an address field; {@code domainField} holds each address's domain and its
   * parents, so "*@example.net" is one term there (the rows are then filtered exactly by {@link #matches}).
   */
  Query query(String field, String domainField) {
    if (!wildcard) {
      return new TermQuery(new Term(field, text));
    }
    if (wholeDomain != null && domainField != null) {
      return new TermQuery(new Term(domainField, wholeDomain));
    }
    // WildcardQuery's only other special character is the escape; make it literal too
    return new WildcardQuery(new Term(field, text.replace("\\", "\\\\")));
  }

  /** The one address this pattern matches, normalized; null for a domain or a pattern with wildcards. */
  String exactAddress() {
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

  /** Wildcard match without regular expressions: on a mismatch, the last '*' takes one more character. */
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
