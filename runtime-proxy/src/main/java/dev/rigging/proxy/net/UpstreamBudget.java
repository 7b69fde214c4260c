package dev.rigging.proxy.net;

import dev.rigging.proxy.cluster.CircuitBreakers;
import dev.rigging.proxy.cluster.CircuitBreakers.Resource;
import dev.rigging.proxy.config.ClusterConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The circuit breakers of one upstream cluster (connections, pending requests, requests and retries
 * in flight), shared by the pools of every event loop so that the limits hold for the whole proxy,
 * as Envoy's do; also the registry of those pools, to wake one when a slot frees on another.
 */
final class UpstreamBudget {
  private final CircuitBreakers breakers;

  /** The per-loop pools of this cluster's hosts, to wake when a slot frees elsewhere. */
  final List<UpstreamPool.HostPool> members = new CopyOnWriteArrayList<>();

  UpstreamBudget(CircuitLimits limits) {
    this.breakers =
        new CircuitBreakers(
            new ClusterConfig.Thresholds(
                limits.maxConnections(),
                limits.maxPending(),
                limits.maxRequests(),
                limits.maxRetries()));
  }

  boolean tryStartRequest() {
    return breakers.tryAcquire(Resource.REQUESTS);
  }

  void requestEnded() {
    breakers.release(Resource.REQUESTS);
  }

  boolean tryStartRetry() {
    return breakers.tryAcquire(Resource.RETRIES);
  }

  void retryEnded() {
    breakers.release(Resource.RETRIES);
  }

  boolean tryOpenConnection() {
    return breakers.tryAcquire(Resource.CONNECTIONS);
  }

  void connectionClosed() {
    breakers.release(Resource.CONNECTIONS);
  }

  boolean tryAddPending() {
    return breakers.tryAcquire(Resource.PENDING_REQUESTS);
  }

  void pendingRemoved() {
    breakers.release(Resource.PENDING_REQUESTS);
  }

  boolean anyonePending() {
    return breakers.inUse(Resource.PENDING_REQUESTS) > 0;
  }
}
