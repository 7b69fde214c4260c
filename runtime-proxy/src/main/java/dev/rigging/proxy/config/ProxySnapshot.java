package dev.rigging.proxy.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the proxy runs, loaded and checked: immutable, so a reload swaps one snapshot for
 * another.
 *
 * @param nodeId the proxy's node id (its name)
 * @param nodeCluster the node's cluster
 * @param listeners the listeners, in configuration order
 * @param clusters the clusters, in configuration order
 */
public record ProxySnapshot(
    String nodeId,
    String nodeCluster,
    List<ListenerConfig> listeners,
    List<ClusterConfig> clusters) {

  public ProxySnapshot {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(nodeCluster, "nodeCluster");
    listeners = List.copyOf(listeners);
    clusters = List.copyOf(clusters);
  }

  /** The cluster named {@code name}, if configured. */
  public Optional<ClusterConfig> cluster(String name) {
    return clusters.stream().filter(cluster -> cluster.name().equals(name)).findFirst();
  }

  /** The listener named {@code name}, if configured. */
  public Optional<ListenerConfig> listener(String name) {
    return listeners.stream().filter(listener -> listener.name().equals(name)).findFirst();
  }
}
