package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;

/**
 * A sample set's {@code expected.jsonl} against the rows {@code trace --format json} printed: every expected row has
 * exactly one row with the same key and the same verdict, category, reply code and attempts, with evidence; and no
 * other row is there. Shared by the per-format CLI tests and the multi-server one.
 */
final class ExpectedRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** More checks of one matched row, for what only one set's expected.jsonl says (hosts, evidence files). */
  @FunctionalInterface
  interface RowCheck {
    RowCheck NONE = (softly, key, want, got) -> {};

    void check(SoftAssertions softly, String key, JsonNode want, JsonNode got);
  }

  private ExpectedRows() {}

  /** The rows of an expected.jsonl (or of any JSON Lines file). */
  static List<JsonNode> read(Path file) throws IOException {
    return jsonLines(Files.readString(file));
  }

  /** The objects of JSON Lines text (blank lines ignored). */
  static List<JsonNode> jsonLines(String text) {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        try {
          rows.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException(line, e);
        }
      }
    }
    return rows;
  }

  /** How the Postfix and Axigen samples name a row: its Message-ID (or "-") and recipient. */
  static String messageIdAndRecipient(JsonNode row) {
    return row.get("message_id").asText("-") + " " + row.get("recipient").asText("-").toLowerCase();
  }

  /** Asserts (softly, all differences at once) that {@code actual} holds exactly the {@code expected} rows. */
  static void assertMatch(List<JsonNode> actual, List<JsonNode> expected, Function<JsonNode, String> key,
      RowCheck more) {
    assertThat(expected).as("expected rows").isNotEmpty();
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode row : actual) {
      assertThat(byKey.put(key.apply(row), row)).as("one row per (message, recipient): %s", key.apply(row)).isNull();
    }
    SoftAssertions softly = new SoftAssertions();
    for (JsonNode want : expected) {
      String name = key.apply(want);
      JsonNode got = byKey.get(name);
      softly.assertThat(got).as("row for %s", name).isNotNull();
      if (got == null) {
        continue;
      }
      softly.assertThat(got.get("verdict").asText()).as("verdict of %s", name).isEqualTo(want.get("verdict").asText());
      softly.assertThat(got.get("category").asText(null)).as("category of %s", name)
          .isEqualTo(want.get("category").asText(null));
      softly.assertThat(got.get("reply_code").asText(null)).as("reply code of %s", name)
          .isEqualTo(want.get("reply_code").asText(null));
      softly.assertThat(got.get("attempts").asInt()).as("attempts of %s", name).isEqualTo(want.get("attempts").asInt());
      softly.assertThat(got.get("evidence")).as("evidence of %s", name).isNotEmpty();
      more.check(softly, name, want, got);
    }
    softly.assertThat(byKey.keySet()).as("rows nobody expected")
        .containsExactlyInAnyOrderElementsOf(expected.stream().map(key).toList());
    softly.assertAll();
  }
}
