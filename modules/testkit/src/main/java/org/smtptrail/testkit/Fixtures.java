package org.smtptrail.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads test fixtures from the classpath, never from paths relative to the working directory. */
public final class Fixtures {
  private Fixtures() {}

  /** The lines of a classpath resource such as "/postfix/deferred-then-sent.log". */
  public static List<String> lines(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      assertThat(in).as("classpath resource %s", resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
