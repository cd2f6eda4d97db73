package org.smtptrail.cli.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.smtptrail.engine.query.AddressPattern;
import org.smtptrail.engine.query.DeliveryRow;
import org.smtptrail.engine.query.Evidence;
import org.smtptrail.engine.query.Hop;

/**
 * {@code --redact}: hides the local part of every e-mail address except the ones asked for, so output can be shared
 * (a ticket, a chat) without naming third parties. {@code mary@example.com} becomes {@code ***@example.com}; the
 * domain stays, since it is what delivery problems are about. It applies to every field of a row, every hop of a
 * journey and the text of every evidence line; anything shaped like an address is masked, Message-IDs included (they
 * often carry one).
 *
 * @param kept the addresses shown as they are: the {@code --to}/{@code --from} of the query, which may be patterns
 *             ({@code *@example.net}): every address they match is the one asked for
 */
public record Redaction(List<AddressPattern> kept) {
  /** What replaces a local part. */
  public static final String MASK = "***";

  /** A redaction keeping these addresses (null ones are ignored). */
  public static Redaction keeping(String... addresses) {
    return new Redaction(Arrays.stream(addresses).filter(Objects::nonNull).map(AddressPattern::of).toList());
  }

  /** The rows with every address but the kept ones masked. */
  public List<DeliveryRow> apply(List<DeliveryRow> rows) {
    List<DeliveryRow> masked = new ArrayList<>(rows.size());
    for (DeliveryRow row : rows) {
      masked.add(apply(row));
    }
    return masked;
  }

  private DeliveryRow apply(DeliveryRow r) {
    List<Evidence> evidence = new ArrayList<>(r.evidence().size());
    for (Evidence e : r.evidence()) {
      evidence.add(new Evidence(mask(e.file()), e.line(), mask(e.text())));
    }
    List<Hop> hops = new ArrayList<>(r.hops().size());
    for (Hop h : r.hops()) {
      hops.add(new Hop(h.host(), h.format(), mask(h.key()), h.verdict(), h.firstSeen(), h.lastEvent(), mask(h.relay()),
          mask(h.reply()), h.link()));
    }
    return new DeliveryRow(mask(r.recipient()), mask(r.originalRecipient()), mask(r.sender()), mask(r.messageId()),
        mask(r.key()), r.verdict(), mask(r.relay()), r.replyCode(), r.dsn(), mask(r.reply()), mask(r.remoteId()),
        r.attempts(), r.firstSeen(), r.lastEvent(), r.category(), mask(r.hint()), r.format(), r.host(),
        mask(r.client()), mask(r.forwardedAs()), List.copyOf(evidence), List.copyOf(hops));
  }

  /**
   * The text with the local part of each address in it masked, unless the address is a kept one. An address is a
   * run of local-part characters, '@', and a domain with at least one dot; found by scanning, not by a regex.
   */
  public String mask(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      int start = at;
      while (start > copied && isLocalChar(text.charAt(start - 1))) {
        start--;
      }
      int end = at + 1;
      while (end < text.length() && isDomainChar(text.charAt(end))) {
        end++;
      }
      while (end > at + 1 && text.charAt(end - 1) == '.') {
        end--; // the full stop of a sentence, not the domain's
      }
      boolean dot = text.lastIndexOf('.', end - 1) > at;
      if (start == at || !dot) {
        continue; // "@" alone, "user@host" without a dot: not an address
      }
      String address = text.substring(start, end);
      if (kept.stream().anyMatch(pattern -> pattern.matches(address))) {
        continue;
      }
      out.append(text, copied, start).append(MASK);
      copied = at;
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  private static boolean isLocalChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
        || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0;
  }

  private static boolean isDomainChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 || c == '-'
        || c == '.';
  }
}
