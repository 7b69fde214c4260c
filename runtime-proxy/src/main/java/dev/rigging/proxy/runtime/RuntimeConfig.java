package dev.rigging.proxy.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One loaded configuration, compiled and ready: the immutable snapshot a request keeps from start
 * to end while a reload swaps in the next one.
 *
 * @param nodeId the proxy's node id
 * @param hash {@link dev.rigging.proxy.config.ConfigHash} of the configuration directory
 * @param version the xDS {@code version_info}, or {@code static} for a bootstrap file
 * @param source the resolved path the configuration was read from
 * @param appliedAt when it started serving
 * @param listeners listeners by name, in configuration order
 * @param clusters clusters by name
 */
record RuntimeConfig(
    String nodeId,
    String hash,
    String version,
    String source,
    Instant appliedAt,
    Map<String, ListenerRuntime> listeners,
    Map<String, ClusterRuntime> clusters) {

  RuntimeConfig {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(appliedAt, "appliedAt");
    listeners = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(listeners));
    clusters = Map.copyOf(clusters);
  }
}
