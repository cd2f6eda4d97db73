package org.smtptrail.store.opensearch;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One single-node OpenSearch cluster for every test class of the run that asks for it
 * ({@code @ExtendWith(SharedOpenSearch.class)}, then an {@link OpenSearchCluster} parameter): starting a node takes
 * about 20 s, so the classes share it, each in indices of its own. It is stopped when the test run ends.
 *
 * <p>When no node can be started the tests are skipped, unless SMTPTRAIL_REQUIRE_OPENSEARCH=1 (CI), which turns that
 * into a failure. A start that failed is not tried again by the next class: that would cost minutes to fail again.
 */
public final class SharedOpenSearch implements BeforeAllCallback, ParameterResolver {
  static final String REQUIRE = "SMTPTRAIL_REQUIRE_OPENSEARCH";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedOpenSearch.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OpenSearchCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return cluster(context);
  }

  private static OpenSearchCluster cluster(ExtensionContext context) {
    Started started = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class);
    if (started.failure() != null) {
      requireOrSkip(started.failure());
    }
    return started.cluster();
  }

  /** Fails when CI requires OpenSearch, else skips; either way with why no node could start. */
  static void requireOrSkip(Exception failure) {
    String message = "no OpenSearch node for the tests: " + failure.getMessage();
    if ("1".equals(System.getenv(REQUIRE))) {
      Assertions.fail(message + "; and " + REQUIRE + "=1 requires one", failure);
    }
    Assumptions.abort(message + " (set " + REQUIRE + "=1 to fail instead of skipping)");
  }

  /** The shared cluster, or why it could not start; closed by JUnit when the run ends. */
  private record Started(OpenSearchCluster cluster, Exception failure) implements AutoCloseable {
    static Started start() {
      try {
        return new Started(OpenSearchCluster.start(1), null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Started(null, e);
      } catch (Exception e) {
        return new Started(null, e);
      }
    }

    @Override
    public void close() throws InterruptedException {
      if (cluster != null) {
        cluster.close();
      }
    }
  }
}
