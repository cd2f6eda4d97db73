package org.smtptrail.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.core.MailAddresses;
import org.smtptrail.core.verdict.Verdict;
import org.smtptrail.engine.DataDirectory;
import org.smtptrail.engine.index.EventStore;
import org.smtptrail.engine.index.LocalStore;
import org.smtptrail.engine.ingest.IngestListener;
import org.smtptrail.engine.ingest.IngestOptions;
import org.smtptrail.engine.ingest.Ingester;
import org.smtptrail.engine.ingest.LogSource;
import org.smtptrail.engine.store.QueryRefusedException;
import org.smtptrail.engine.verdict.DeliveryRow;

/**
 * Fuzzes the trace filters against a real index of sample-logs/postfix: whatever the user types (Lucene syntax, wild
 * cards, blanks, half an address, times in any form), a trace never throws (a query may be refused as it is made,
 * with {@link QueryRefusedException}: a pattern too costly to search), and every row it returns matches the
 * filters taken literally: the recipient (or original recipient) is the address given, the sender too, the domain is
 * the one given or a subdomain of it, the Message-ID is the one given. Values are mixed from real ones of the sample
 * and arbitrary text, so the fuzzer reaches both the empty and the non-empty answers.
 */
class TraceQueryFuzzTest {
  private static final List<String> REAL = List.of("ivan@tempfail.example.net", "mary@example.com",
      "<alice@accept.example.net>", "BOB@Example.COM", "example.net", "accept.example.net", "@example.com",
      "<expire-1@sample.smtptrail>", "*", "a* OR *:*", "recipient:*", "", " ", "1d", "2026-11-23", "2026-11-23T09:33");

  @TempDir static Path temp;
  private static EventStore store;

  @BeforeAll
  static void indexTheSample() throws IOException {
    Path sample = Path.of("../../sample-logs/postfix").toAbsolutePath().normalize();
    assertThat(sample).isDirectory();
    DataDirectory data = new DataDirectory(temp.resolve("data"));
    new Ingester(data, LocalStore.DEFAULT, IngestListener.NONE)
        .index(LogSource.all(List.of(sample), new IngestOptions(null, ZoneOffset.UTC, null)));
    store = EventStore.open(data);
  }

  @AfterAll
  static void close() throws IOException {
    store.close();
  }

  @FuzzTest(maxDuration = "5m")
  void everyRowMatchesTheFiltersTakenLiterally(FuzzedDataProvider data) throws IOException {
    String to = value(data);
    String from = value(data);
    String domain = value(data);
    String messageId = value(data);
    String id = value(data);
    Instant since = time(data);
    Instant until = time(data);
    Verdict status = data.consumeBoolean() ? data.pickValue(Verdict.values()) : null;
    int limit = data.consumeInt(0, 5);
    TraceQuery query;
    try {
      query = new TraceQuery(to, from, domain, messageId, id, since, until, status, limit);
    } catch (QueryRefusedException refused) {
      // the one documented refusal (a pattern with too many stars or too complex), a usage error; nothing else
      assertThat(refused.parameter()).isIn("to", "from");
      return;
    }

    List<DeliveryRow> rows = new TraceSearcher(store).trace(query);

    if (limit > 0) {
      assertThat(rows).hasSizeLessThanOrEqualTo(limit);
    }
    for (DeliveryRow row : rows) {
      if (to != null) {
        assertThat(List.of(String.valueOf(MailAddresses.normalize(row.recipient())),
            String.valueOf(MailAddresses.normalize(row.originalRecipient()))))
            .as("--to %s", to).contains(MailAddresses.normalize(to));
      }
      if (from != null) {
        assertThat(MailAddresses.normalize(row.sender())).as("--from %s", from).isEqualTo(MailAddresses.normalize(from));
      }
      if (domain != null) {
        String wanted = domain.strip().toLowerCase(Locale.ROOT).replaceFirst("^@", "");
        String actual = MailAddresses.domainOf(row.recipient());
        assertThat(actual.equals(wanted) || actual.endsWith("." + wanted)).as("--domain %s: %s", domain, actual)
            .isTrue();
      }
      if (messageId != null) {
        assertThat(MailAddresses.normalizeMessageId(row.messageId())).as("--message-id %s", messageId)
            .isEqualTo(MailAddresses.normalizeMessageId(messageId));
      }
      if (status != null) {
        assertThat(row.verdict()).isEqualTo(status);
      }
    }
  }

  /** Null (no filter), a real value of the sample, or arbitrary text. */
  private static String value(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 3)) {
      case 0, 1 -> null;
      case 2 -> data.pickValue(REAL);
      default -> data.consumeString(40);
    };
  }

  /** Null, or what TimeSpec makes of real or arbitrary text (text that is no time is a usage error: no filter). */
  private static Instant time(FuzzedDataProvider data) {
    String text = value(data);
    if (text == null) {
      return null;
    }
    try {
      return TimeSpec.parse(text, Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    } catch (IllegalArgumentException usage) {
      return null;
    }
  }
}
