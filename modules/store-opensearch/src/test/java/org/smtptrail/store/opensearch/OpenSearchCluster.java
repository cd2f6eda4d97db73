package org.smtptrail.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * A real OpenSearch cluster of one or more nodes on 127.0.0.1, started by a test from the distribution the build
 * unpacked, with ports of its own: {@code try (var cluster = OpenSearchCluster.start(3)) { ... cluster.kill9(1);
 * ... cluster.restart(1); }}. A node can be killed and restarted (with its data and ports); closing stops every node
 * and removes their data. A JVM shutdown hook and each node's watchdog make sure no node outlives the tests.
 */
public final class OpenSearchCluster implements AutoCloseable {
  /** Where the nodes' folders go; failsafe sets it to target/opensearch-nodes (this module's pom). */
  static final String NODES_PROPERTY = "smtptrail.opensearch.nodes";
  /** How long a cluster may take to start: about 20 s a node alone on this machine, more beside other builds. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Path dir;
  private final List<OpenSearchNode> nodes;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread shutdownHook = new Thread(this::killAll, "opensearch-cluster-shutdown");
  private OpenSearchTransport transport;
  private OpenSearchClient client;

  private OpenSearchCluster(String name, Path dir, List<OpenSearchNode> nodes) {
    this.name = name;
    this.dir = dir;
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts a cluster of {@code size} nodes and waits until all of them have joined and it is yellow or green.
   *
   * @throws OpenSearchUnavailableException when this machine cannot run a node at all
   * @throws IllegalStateException          when the cluster did not come up in time, with each node's last log lines
   */
  static OpenSearchCluster start(int size) throws IOException, InterruptedException {
    if (size < 1) {
      throw new IllegalArgumentException("a cluster has at least one node, not " + size);
    }
    OpenSearchDistribution distribution = OpenSearchDistribution.find();
    String name = "smtptrail-it-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    Path dir = Path.of(System.getProperty(NODES_PROPERTY, "target/opensearch-nodes")).toAbsolutePath()
        .resolve(name);
    Files.createDirectories(dir);
    List<Integer> ports = freePorts(2 * size);
    List<String> names = IntStream.range(0, size).mapToObj(i -> "node-" + i).toList();
    List<Integer> transportPorts = ports.subList(size, 2 * size);
    List<OpenSearchNode> nodes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      NodeSettings settings =
          new NodeSettings(name, names.get(i), ports.get(i), transportPorts.get(i), transportPorts, names);
      nodes.add(new OpenSearchNode(distribution, settings, dir.resolve(names.get(i))));
    }
    OpenSearchCluster cluster = new OpenSearchCluster(name, dir, nodes);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      for (OpenSearchNode node : nodes) {
        node.start();
      }
      cluster.awaitHealthy();
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  String name() {
    return name;
  }

  int size() {
    return nodes.size();
  }

  OpenSearchNode node(int index) {
    return nodes.get(index);
  }

  /** Kills a node at once (SIGKILL), as a crash would; the others go on. */
  void kill9(int index) throws InterruptedException {
    nodes.get(index).kill9();
  }

  /** Starts a stopped or killed node again, with its data and ports, and waits until the cluster has it back. */
  void restart(int index) throws IOException, InterruptedException {
    nodes.get(index).start();
    awaitHealthy();
  }

  /** The REST address of the first running node. */
  public URI httpUri() {
    return nodes.stream().filter(OpenSearchNode::isRunning).findFirst()
        .orElseThrow(() -> new IllegalStateException("no node of " + name + " is running")).httpUri();
  }

  /**
   * A client of the whole cluster (every node's address: the transport moves on to another when one is down),
   * closed with the cluster.
   */
  public synchronized OpenSearchClient client() {
    if (client == null) {
      HttpHost[] hosts = nodes.stream()
          .map(node -> new HttpHost("http", "127.0.0.1", node.settings().httpPort())).toArray(HttpHost[]::new);
      transport = ApacheHttpClient5TransportBuilder.builder(hosts).setMapper(new JacksonJsonpMapper()).build();
      client = new OpenSearchClient(transport);
    }
    return client;
  }

  /**
   * Waits until every running node is in the cluster and it is yellow or green (a replica may still be unassigned
   * while a node is down).
   */
  void awaitHealthy() throws InterruptedException {
    List<OpenSearchNode> expected = nodes.stream().filter(OpenSearchNode::isRunning).toList();
    int running = expected.size();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      for (OpenSearchNode node : expected) {
        if (!node.isRunning()) {
          throw new IllegalStateException("OpenSearch node " + node.name() + " of " + name + " "
              + node.exitDescription() + " while starting; " + node.logTail(40));
        }
      }
      try {
        JsonNode health = get(httpUri(), "/_cluster/health?wait_for_status=yellow&wait_for_nodes=" + running
            + "&timeout=1s");
        last = health.toString();
        if (!health.path("timed_out").asBoolean(true)) {
          return;
        }
      } catch (IOException notYet) {
        last = notYet.toString();
        Thread.sleep(500);
      }
    }
    StringBuilder message = new StringBuilder("OpenSearch cluster ").append(name).append(" of ").append(running)
        .append(" running node(s) was not yellow or green after ").append(START_TIMEOUT.toSeconds())
        .append(" s (last health: ").append(last).append(')');
    for (OpenSearchNode node : nodes) {
      message.append("\n--- ").append(node.name()).append(' ').append(node.exitDescription()).append("; ")
          .append(node.logTail(40));
    }
    throw new IllegalStateException(message.toString());
  }

  private JsonNode get(URI node, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    // a health wait that times out answers 408 with the health in its body
    if (response.statusCode() != 200 && response.statusCode() != 408) {
      throw new IOException("HTTP " + response.statusCode() + " from " + request.uri() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Stops every node (gracefully, then by force), closes the client and removes the nodes' data. */
  @Override
  public void close() throws InterruptedException {
    try {
      synchronized (this) {
        if (transport != null) {
          transport.close();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (OpenSearchNode node : nodes) {
        node.stop();
      }
      removeShutdownHook();
      deleteData();
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook itself
    }
  }

  /** The data goes (a fault test's can be large); the logs stay in target/ for whoever reads a failure. */
  private void deleteData() {
    for (OpenSearchNode node : nodes) {
      Path data = dir.resolve(node.name()).resolve("data");
      if (Files.exists(data)) {
        try (var paths = Files.walk(data)) {
          paths.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
          // best effort: target/ is cleaned by mvn clean
        }
      }
    }
  }

  private void killAll() {
    for (OpenSearchNode node : nodes) {
      try {
        node.kill9();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Ports free on 127.0.0.1 now, all different: held open together while they are chosen. */
  private static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (%d node(s))", name, nodes.size());
  }
}
