package dev.rigging.proxy.net;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The circuit-breaker allowance of one upstream cluster (connections, pending requests, requests
 * and retries in flight), shared by the pools of every event loop so that the limits hold for the
 * whole proxy, as Envoy's circuit breakers do.
 */
final class UpstreamBudget {
  private final int maxConnections;
  private final int maxPending;
  private final int maxRequests;
  private final int maxRetries;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();

  /** The per-loop pools of this cluster's hosts, to wake when a slot frees elsewhere. */
  final List<UpstreamPool.HostPool> members = new CopyOnWriteArrayList<>();

  UpstreamBudget(CircuitLimits limits) {
    this.maxConnections = limits.maxConnections();
    this.maxPending = limits.maxPending();
    this.maxRequests = limits.maxRequests();
    this.maxRetries = limits.maxRetries();
  }

  boolean tryStartRequest() {
    return tryIncrement(requests, maxRequests);
  }

  void requestEnded() {
    requests.decrementAndGet();
  }

  boolean tryStartRetry() {
    return tryIncrement(retries, maxRetries);
  }

  void retryEnded() {
    retries.decrementAndGet();
  }

  boolean tryOpenConnection() {
    return tryIncrement(connections, maxConnections);
  }

  void connectionClosed() {
    connections.decrementAndGet();
  }

  boolean tryAddPending() {
    return tryIncrement(pending, maxPending);
  }

  void pendingRemoved() {
    pending.decrementAndGet();
  }

  boolean anyonePending() {
    return pending.get() > 0;
  }

  private static boolean tryIncrement(AtomicInteger counter, int limit) {
    for (int now = counter.get(); now < limit; now = counter.get()) {
      if (counter.compareAndSet(now, now + 1)) {
        return true;
      }
    }
    return false;
  }
}
