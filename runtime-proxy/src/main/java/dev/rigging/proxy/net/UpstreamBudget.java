package dev.rigging.proxy.net;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connection and pending-request allowance of one upstream address, shared by the pools of
 * every event loop so that the limits hold for the whole proxy, as Envoy's circuit breakers do.
 */
final class UpstreamBudget {
  private final int maxConnections;
  private final int maxPending;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();

  /** The per-loop pools of this address, to wake when a slot frees elsewhere. */
  final List<UpstreamPool.HostPool> members = new CopyOnWriteArrayList<>();

  UpstreamBudget(int maxConnections, int maxPending) {
    this.maxConnections = maxConnections;
    this.maxPending = maxPending;
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
