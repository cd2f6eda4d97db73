package org.smtptrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.smtptrail.testkit.GoldenCase;
import org.smtptrail.testkit.GoldenFile;

/**
 * The golden corpus ({@code sample-logs/cases/FORMAT/NAME/}, see {@link GoldenCase}): each case is indexed as a user
 * would ({@code index --strict} unless the case says otherwise, which must then pass) and every row that
 * {@code trace --format json --limit 0} gives, whole, evidence included, is compared with its
 * {@code expected-rows.jsonl}. {@code -Dsmtptrail.golden.rewrite=true} writes the files anew after a change made on
 * purpose; {@code git diff sample-logs/cases} then shows what it changed. The events the parsers make of the same cases
 * are compared by each format's own test ({@code GoldenEvents}).
 */
class GoldenCasesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> everyCaseGivesItsGoldenRows() {
    List<GoldenCase> cases = new ArrayList<>();
    for (String format : List.of("postfix", "axigen", "xeams")) {
      cases.addAll(GoldenCase.of(format));
    }
    return cases.stream().map(golden -> DynamicTest.dynamicTest(golden.name(), () -> assertRows(golden)));
  }

  private void assertRows(GoldenCase golden) throws IOException {
    Path copy = Files.createDirectories(temp.resolve(golden.name()));
    for (Path log : golden.logs()) {
      Path target = Files.copy(log, copy.resolve(log.getFileName()));
      Files.setLastModifiedTime(target, FileTime.from(golden.mtime()));
    }
    String data = temp.resolve(golden.name() + ".data").toString();
    List<String> index = new ArrayList<>(List.of("index", "--data", data));
    index.addAll(golden.indexArguments());
    index.add(copy.toString());
    CliRun indexed = CliRun.of(index.toArray(String[]::new));
    assertThat(indexed.exitCode()).as("%s: %s%s", String.join(" ", index), indexed.out(), indexed.err()).isZero();

    CliRun trace = CliRun.of("trace", "--data", data, "--format", "json", "--limit", "0");
    assertThat(trace.exitCode()).as(trace.err()).isZero();
    List<String> rows = new ArrayList<>();
    String prefix = copy.toAbsolutePath() + "/";
    for (String line : trace.out().lines().toList()) {
      JsonNode row = JSON.readTree(line);
      assertThat(row.path("evidence").size()).as("%s: every row has evidence: %s", golden, line).isPositive();
      assertThat(row.path("last_event").isTextual()).as("%s: every row has a time: %s", golden, line).isTrue();
      for (JsonNode evidence : row.path("evidence")) {
        String file = evidence.path("file").asText();
        ((ObjectNode) evidence).put("file", file.startsWith(prefix) ? file.substring(prefix.length()) : file);
      }
      rows.add(JSON.writeValueAsString(row));
    }
    GoldenFile.assertMatches(golden.folder().resolve(GoldenCase.ROWS), rows);
  }
}
