package org.smtptrail.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A golden file: what a test produced, compared whole with what was accepted before, so that a change of rule shows
 * as a diff of the file. Run with {@code -Dsmtptrail.golden.rewrite=true} (or {@code SMTPTRAIL_GOLDEN_REWRITE=1})
 * after a change made on purpose: the files are written anew instead of compared, and {@code git diff} shows exactly
 * what changed.
 */
public final class GoldenFile {
  private GoldenFile() {}

  /** Whether this run rewrites golden files instead of comparing them. */
  public static boolean rewriting() {
    return Boolean.getBoolean("smtptrail.golden.rewrite") || "1".equals(System.getenv("SMTPTRAIL_GOLDEN_REWRITE"));
  }

  /** Compares the lines with the golden file (or writes them there, when {@link #rewriting()}). */
  public static void assertMatches(Path golden, List<String> actual) {
    String text = actual.isEmpty() ? "" : String.join("\n", actual) + "\n";
    try {
      if (rewriting()) {
        Files.writeString(golden, text, StandardCharsets.UTF_8);
        return;
      }
      assertThat(golden).as("golden file %s is missing: run once with -Dsmtptrail.golden.rewrite=true and review"
          + " what it wrote", golden).exists();
      assertThat(text).as("%s (a change on purpose: -Dsmtptrail.golden.rewrite=true, then review git diff)", golden)
          .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
