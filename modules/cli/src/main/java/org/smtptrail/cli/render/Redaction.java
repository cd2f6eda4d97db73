package org.smtptrail.cli.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.smtptrail.engine.query.StatsReport;
import org.smtptrail.engine.store.AddressPattern;
import org.smtptrail.engine.verdict.DeliveryRow;
import org.smtptrail.engine.verdict.Evidence;
import org.smtptrail.engine.verdict.Hop;

/**
 * {@code --redact}: hides the local part of every e-mail address except the ones asked for, so output can be shared
 * (a ticket, a chat) without naming third parties. {@code mary@example.com} becomes {@code ***@example.com}; the
 * domain stays, since it is what delivery problems are about. It applies to every field of a row, every hop of a
 * journey and the text of every evidence line; anything shaped like an address is masked, Message-IDs included (they
 * often carry one).
 *
 * <p>Only an address typed in full is kept: a pattern ({@code *}, {@code *@*}, {@code @example.net}, {@code ?*})
 * unmasks nothing, or a support agent could list everyone's addresses with {@code to=*}. What someone already knows
 * is all that is shown.
 *
 * @param kept the addresses shown as they are: the whole addresses among the query's {@code --to}/{@code --from}
 */
public record Redaction(List<AddressPattern> kept) {
  /** What replaces a local part. */
  public static final String MASK = "***";

  /** A redaction keeping these addresses as typed; null ones and patterns keep nothing. */
  public static Redaction keeping(String... typed) {
    return new Redaction(Arrays.stream(typed).filter(Objects::nonNull).map(AddressPattern::of)
        .filter(AddressPattern::isExact).toList());
  }

  /** The rows with every address but the kept ones masked. */
  public List<DeliveryRow> apply(List<DeliveryRow> rows) {
    List<DeliveryRow> masked = new ArrayList<>(rows.size());
    for (DeliveryRow row : rows) {
      masked.add(apply(row));
    }
    return masked;
  }

  /** The report with every address in a group's name masked (a group is a domain, relay, category or verdict). */
  public StatsReport apply(StatsReport report) {
    List<StatsReport.Group> groups = new ArrayList<>(report.groups().size());
    for (StatsReport.Group group : report.groups()) {
      groups.add(new StatsReport.Group(mask(group.key()), group.counts()));
    }
    return new StatsReport(report.totals(), report.by(), List.copyOf(groups), report.probes());
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
   * run of local-part characters (or a quoted local part), '@', and a domain (dotted or not: {@code root@localhost}
   * names a person as much)
   * or an address literal ({@code user@[192.0.2.1]}); found by scanning, not by a regex.
   */
  public String mask(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      int start = at;
      int quote = at > copied + 1 && text.charAt(at - 1) == '"' ? text.lastIndexOf('"', at - 2) : -1;
      if (quote >= copied) {
        start = quote; // a quoted local part: "john doe"@example.net
      }
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
      boolean literal = end == at + 1 && end < text.length() && text.charAt(end) == '[';
      if (literal) {
        int close = text.indexOf(']', end);
        end = close < 0 ? end : close + 1;
      }
      if (start == at || end == at + 1) {
        continue; // "@example.com", "a@", "@": no address
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
