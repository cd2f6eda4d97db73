package org.smtptrail.store.opensearch;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a test node's opensearch.yml says: its cluster, its name and ports on 127.0.0.1, and how it finds the other
 * nodes. One node is a cluster of its own ({@code discovery.type: single-node}); several find each other through
 * their transport ports and elect a cluster manager among all of them the first time.
 *
 * @param clusterName   the cluster's name (unique per test cluster, so two never join each other)
 * @param nodeName      this node's name
 * @param httpPort      the REST port
 * @param transportPort the port the nodes talk to each other on
 * @param seedPorts     every node's transport port (this one's included)
 * @param nodeNames     every node's name, the first cluster managers
 */
record NodeSettings(
    String clusterName, String nodeName, int httpPort, int transportPort, List<Integer> seedPorts,
    List<String> nodeNames) {

  NodeSettings {
    seedPorts = List.copyOf(seedPorts);
    nodeNames = List.copyOf(nodeNames);
  }

  /** The opensearch.yml of a node whose folders are under {@code dir}. */
  String toYaml(Path dir, boolean securityPluginInstalled) {
    StringBuilder yaml = new StringBuilder()
        .append("cluster.name: ").append(clusterName).append('\n')
        .append("node.name: ").append(nodeName).append('\n')
        .append("network.host: 127.0.0.1\n")
        .append("http.port: ").append(httpPort).append('\n')
        .append("transport.port: ").append(transportPort).append('\n')
        .append("path.data: ").append(dir.resolve("data")).append('\n')
        .append("path.logs: ").append(dir.resolve("logs")).append('\n')
        // a shared build machine's disk may be fuller than the default watermarks allow, and then no shard would be
        // allocated: the tests would wait for a health that never comes
        .append("cluster.routing.allocation.disk.threshold_enabled: false\n");
    if (nodeNames.size() == 1) {
      yaml.append("discovery.type: single-node\n");
    } else {
      yaml.append("discovery.seed_hosts: [")
          .append(seedPorts.stream().map(port -> "\"127.0.0.1:" + port + "\"").collect(Collectors.joining(", ")))
          .append("]\n")
          .append("cluster.initial_cluster_manager_nodes: [")
          .append(nodeNames.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", ")))
          .append("]\n");
    }
    if (securityPluginInstalled) {
      // the integ-test distribution has no security plugin; a full one would want TLS certificates first
      yaml.append("plugins.security.disabled: true\n");
    }
    return yaml.toString();
  }
}
